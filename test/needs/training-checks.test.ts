import { RESERVED_NAMESPACES } from '../../needs/training-checks';
import { SYSTEM_NAMESPACE, WORKLOAD_NAMESPACES } from '../../constructs/platform/workload-tenancy';
import { needsWith, problemsOf, warningsOf } from '../support/needs-fixtures';

const H100 = { accelerator: 'h100', gpus: 16 };
const RESERVATION = { id: 'cr-0123456789abcdef0', zoneId: 'use1-az4' };

describe('workload.training.capacity (NEEDS-v1.1)', () => {
  test('defaults: spot when interruptible, else on-demand; no reservations', () => {
    expect(needsWith({ workload: { training: H100 } }).workload.training).toMatchObject({ capacity: 'on-demand', reservations: [] });
    expect(needsWith({ workload: { training: { ...H100, interruptible: true } } }).workload.training?.capacity).toBe('spot');
  });

  test('capacity-block with its reservations is valid', () => {
    expect(needsWith({ workload: { training: { ...H100, capacity: 'capacity-block', reservations: [RESERVATION] } } }).workload.training?.reservations).toEqual([RESERVATION]);
  });

  test.each([
    [{ ...H100, capacity: 'spot' }, 'needs.yaml:9:15: workload.training.capacity: is spot, but interruptible is false: spot capacity can be reclaimed at two minutes\' notice; set interruptible: true, or choose on-demand, reservation or capacity-block'],
    [{ ...H100, capacity: 'reservation' }, 'needs.yaml:9:15: workload.training.capacity: is reservation, which needs workload.training.reservations: list each reservation\'s id and zoneId'],
    [{ ...H100, reservations: [RESERVATION] }, 'needs.yaml:10:7: workload.training.reservations: are given, but capacity is on-demand; reservations are used only with capacity reservation or capacity-block'],
    [{ ...H100, capacity: 'reservation', reservations: [RESERVATION, RESERVATION] }, 'needs.yaml:14:9: workload.training.reservations[1].id: duplicate reservation cr-0123456789abcdef0 (also reservations[0]); list each reservation once'],
    [{ ...H100, capacity: 'reservation', reservations: [{ id: 'cr-123', zoneId: 'use1-az4' }] }, 'needs.yaml:11:13: workload.training.reservations[0].id: must be a capacity reservation id such as cr-0123456789abcdef0, got "cr-123" (a string)'],
    [{ ...H100, capacity: 'reserved' }, 'needs.yaml:9:15: workload.training.capacity: must be one of on-demand, spot, reservation, capacity-block, got "reserved" (a string)'],
  ])('%j → %s', (training, expected) => {
    expect(problemsOf({ workload: { training } })).toEqual([expected]);
  });

  test('more reservations than nodes is an error: each reservation gets a node group, and an empty one cannot exist', () => {
    const reservations = [RESERVATION, { id: 'cr-0fedcba9876543210', zoneId: 'use1-az6' }, { id: 'cr-0aaaaaaaaaaaaaaaa', zoneId: 'use1-az1' }];
    expect(problemsOf({ workload: { training: { ...H100, capacity: 'reservation', reservations } } })).toEqual([
      'needs.yaml:11:7: workload.training.reservations: list 3 reservations, but 16 gpus need only 2 p5.48xlarge nodes, and each reservation gets a node group of its own; list at most 2, or raise gpus',
    ]);
  });

  test('capacity-block needs an accelerator AWS sells as Capacity Blocks, and picks among those types', () => {
    expect(problemsOf({ workload: { training: { accelerator: 'l40s', gpus: 8, capacity: 'capacity-block', reservations: [RESERVATION] } } })).toEqual([
      'needs.yaml:9:15: workload.training.capacity: l40s: AWS sells no l40s instance type as EC2 Capacity Blocks; choose h100/h200/a100/trainium for capacity-block, or another capacity',
    ]);
  });

  test('interruptible training bought on-demand is a warning: spot would do', () => {
    expect(warningsOf({ workload: { training: { ...H100, interruptible: true, capacity: 'on-demand' } } })).toEqual([
      'needs.yaml:10:15: workload.training.capacity: is on-demand, but interruptible is true: spot would cost less for training that tolerates interruption (remove capacity to get spot)',
    ]);
  });
});

describe('workload.teams (NEEDS-v1.1)', () => {
  test('default: one team "training" with every training GPU; none without training', () => {
    expect(needsWith({ workload: { training: H100 } }).workload.teams).toEqual([{ name: 'training', gpus: 16 }]);
    expect(needsWith({}).workload.teams).toEqual([]);
  });

  test('teams whose shares fit the GPUs are kept as written', () => {
    const teams = [{ name: 'vision', gpus: 8 }, { name: 'nlp', gpus: 8 }];
    expect(needsWith({ workload: { training: H100, teams } }).workload.teams).toEqual(teams);
  });

  test.each([
    [{ teams: [{ name: 'vision', gpus: 8 }] }, 'needs.yaml:7:5: workload.teams: are given, but there is no workload.training: teams share the training GPUs, so add workload.training or remove teams'],
    [{ training: H100, teams: [{ name: 'vision', gpus: 12 }, { name: 'nlp', gpus: 8 }] }, 'needs.yaml:10:5: workload.teams: guarantee 20 GPUs in all, more than workload.training.gpus (16); lower the shares (idle shares are borrowed anyway)'],
    [{ training: H100, teams: [{ name: 'vision', gpus: 4 }, { name: 'vision', gpus: 4 }] }, 'needs.yaml:12:13: workload.teams[1].name: duplicate team "vision" (also teams[0]); team names must be unique'],
    [{ training: H100, teams: [{ name: 'inference', gpus: 4 }] }, 'needs.yaml:10:13: workload.teams[0].name: "inference" is a namespace tracklayer or Kubernetes already uses; choose another team name (the default team is "training")'],
    [{ training: H100, teams: [{ name: 'kube-ml', gpus: 4 }] }, 'needs.yaml:10:13: workload.teams[0].name: "kube-ml" is a namespace tracklayer or Kubernetes already uses; choose another team name (the default team is "training")'],
    [{ training: H100, teams: [] }, 'needs.yaml:9:10: workload.teams: must list at least one team (omit teams for one team "training")'],
  ])('%j → %s', (workload, expected) => {
    expect(problemsOf({ workload })).toEqual([expected]);
  });

  test('in hybrid, the shares may also cover the on-prem GPUs', () => {
    const onPrem = { kubeContext: 'dc1', gpuNodes: 2, gpusPerNode: 8, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };
    const workload = { training: H100, teams: [{ name: 'vision', gpus: 20 }, { name: 'nlp', gpus: 12 }] };
    expect(problemsOf({ strategy: 'hybrid', onPrem, workload })).toEqual([]);
    expect(problemsOf({ strategy: 'cloud-first', onPrem, workload })[0]).toMatch(/guarantee 32 GPUs in all, more than workload\.training\.gpus \(16\);/);
  });

  test('the reserved names include every namespace the platform creates besides team namespaces', () => {
    expect(RESERVED_NAMESPACES).toEqual(expect.arrayContaining([SYSTEM_NAMESPACE, ...WORKLOAD_NAMESPACES.filter((n) => n !== 'training')]));
  });
});
