import { Annotations, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { constructWarnings } from '../../cli/construct-warnings';

describe('constructWarnings', () => {
  test('GIVEN warnings on constructs of a stack WHEN collected THEN one "<construct path>: <message>" line each, in tree order', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'demo-stack');
    const outer = new Construct(stack, 'outer');
    const inner = new Construct(outer, 'inner');
    Annotations.of(outer).addWarning('first warning');
    Annotations.of(inner).addWarning('second warning');
    Annotations.of(inner).addWarning('third warning');

    expect(constructWarnings(app)).toEqual(['demo-stack/outer: first warning', 'demo-stack/outer/inner: second warning', 'demo-stack/outer/inner: third warning']);
  });

  test('GIVEN info and error annotations WHEN collected THEN only warnings are returned', () => {
    const app = Testing.app();
    const quiet = new Construct(new TerraformStack(app, 'quiet-stack'), 'quiet');
    Annotations.of(quiet).addInfo('just so you know');
    Annotations.of(quiet).addError('not a warning');

    expect(constructWarnings(app)).toEqual([]);
  });

  test('GIVEN a subtree WHEN collected from it THEN only warnings under it are returned', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'demo-stack');
    const a = new Construct(stack, 'a');
    const b = new Construct(stack, 'b');
    Annotations.of(a).addWarning('in a');
    Annotations.of(b).addWarning('in b');

    expect(constructWarnings(b)).toEqual(['demo-stack/b: in b']);
  });
});
