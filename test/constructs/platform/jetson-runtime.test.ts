import { JetsonRuntime } from '../../../constructs/platform/jetson-runtime';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

describe('JetsonRuntime', () => {
  test('GIVEN a Jetson site THEN RuntimeClass nvidia with handler nvidia', () => {
    const json = synthConstruct((scope) => new JetsonRuntime(scope, 'jetson'));
    expect(resourcesOf(json, 'kubernetes_runtime_class_v1')).toEqual([expect.objectContaining({ handler: 'nvidia', metadata: expect.objectContaining({ name: 'nvidia' }) })]);
  });

  test('GIVEN manage false THEN nothing is created but the name is still known', () => {
    let name = '';
    const json = synthConstruct((scope) => {
      name = new JetsonRuntime(scope, 'jetson', { manage: false }).runtimeClassName;
    });
    expect(resourcesOf(json, 'kubernetes_runtime_class_v1')).toHaveLength(0);
    expect(name).toBe('nvidia');
  });
});
