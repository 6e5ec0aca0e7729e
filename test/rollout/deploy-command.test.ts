import { deployCommand } from '../../rollout/deploy-command';
import type { StackRef } from '../../strategy/stack-plan';

const ref = (role: string): StackRef => ({ name: `acme-ml-${role}`, role: role as StackRef['role'] });
const edgeSelection = { strategy: 'edge-centric' as const, stacks: ['network', 'lakehouse', 'edge-a1', 'edge-b2', 'edge-c3', 'edge-d4', 'edge-e5'].map(ref) };

describe('deployCommand', () => {
  test('GIVEN a phase whose dependencies are all inside it THEN a plain cdktf deploy (cdktf orders them)', () => {
    expect(deployCommand([ref('network'), ref('lakehouse')], edgeSelection)).toBe('cdktf deploy acme-ml-network acme-ml-lakehouse');
  });

  test('GIVEN stacks that read a stack of an earlier phase THEN the missing dependencies are allowed; independent sites deploy four at a time', () => {
    expect(deployCommand(['edge-a1', 'edge-b2', 'edge-c3', 'edge-d4', 'edge-e5'].map(ref), edgeSelection)).toBe(
      'cdktf deploy acme-ml-edge-a1 acme-ml-edge-b2 acme-ml-edge-c3 acme-ml-edge-d4 acme-ml-edge-e5 --ignore-missing-stack-dependencies --parallelism 4',
    );
  });

  test('GIVEN a phase whose stacks also depend on each other THEN one at a time, in the listed order', () => {
    const selection = { strategy: 'cloud-first' as const, stacks: ['network', 'lakehouse', 'gpu-cluster', 'gpu-platform'].map(ref) };
    expect(deployCommand([ref('gpu-cluster'), ref('gpu-platform')], selection)).toBe('cdktf deploy acme-ml-gpu-cluster acme-ml-gpu-platform --ignore-missing-stack-dependencies --parallelism 1');
  });
});
