import { SchedulingPriorities } from '../../../constructs/platform/scheduling-priorities';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const classes = resourcesOf(synthConstruct((scope) => new SchedulingPriorities(scope, 'priorities')), 'kubernetes_priority_class_v1');
const byName = Object.fromEntries(classes.map((c) => [(c.metadata as { name: string }).name, c]));

describe('SchedulingPriorities', () => {
  test('GIVEN the platform THEN inference-critical above training above batch-preemptible', () => {
    const value = (name: string) => byName[name].value as number;
    expect(Object.keys(byName).sort()).toEqual(['batch-preemptible', 'inference-critical', 'training']);
    expect(value('inference-critical')).toBeGreaterThan(value('training'));
    expect(value('training')).toBeGreaterThan(value('batch-preemptible'));
  });

  test('inference and training preempt lower priorities; batch-preemptible never preempts', () => {
    expect(byName['inference-critical'].preemption_policy).toBe('PreemptLowerPriority');
    expect(byName.training.preemption_policy).toBe('PreemptLowerPriority');
    expect(byName['batch-preemptible'].preemption_policy).toBe('Never');
  });

  test('none is the cluster default, all stay below the system classes, and batch stays above the autoscaler cutoff', () => {
    for (const c of classes) {
      expect(c.global_default).toBe(false);
      expect(c.value as number).toBeLessThanOrEqual(1_000_000_000);
      expect(c.description).toEqual(expect.any(String));
    }
    expect(byName['batch-preemptible'].value as number).toBeGreaterThan(-10);
  });
});
