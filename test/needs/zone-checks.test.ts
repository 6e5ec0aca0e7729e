import { needsWith, problemsOf } from '../support/needs-fixtures';

describe('cloud.zoneIds (NEEDS-v1.1)', () => {
  test('GIVEN zoneIds THEN they are the zones, in order, and set availabilityZones', () => {
    const needs = needsWith({ cloud: { region: 'us-east-1', zoneIds: ['use1-az4', 'use1-az6'] } });
    expect(needs.cloud.zoneIds).toEqual(['use1-az4', 'use1-az6']);
    expect(needs.cloud.availabilityZones).toBe(2);
  });

  test('GIVEN no zoneIds THEN the first availabilityZones zones of the region, as before', () => {
    expect(needsWith({ cloud: { region: 'eu-west-1', availabilityZones: 2 } }).cloud.zoneIds).toEqual(['euw1-az1', 'euw1-az2']);
  });

  test('GIVEN reservations and no zoneIds THEN their zones come first, so the reserved group finds a subnet', () => {
    const needs = needsWith({
      workload: { training: { accelerator: 'h100', gpus: 16, capacity: 'capacity-block', reservations: [{ id: 'cr-0123456789abcdef0', zoneId: 'use1-az6' }] } },
    });
    expect(needs.cloud.zoneIds).toEqual(['use1-az6', 'use1-az1', 'use1-az2']);
  });

  test.each([
    [{ cloud: { region: 'us-east-1', zoneIds: ['use1-az9', 'use1-az1'] } }, 'needs.yaml:6:7: cloud.zoneIds[0]: use1-az9 is not a zone of us-east-1 (did you mean "use1-az1"?); the zones tracklayer can use there are use1-az1, use1-az2, use1-az4, use1-az5, use1-az6'],
    [{ cloud: { region: 'us-east-1', zoneIds: ['use1-az3', 'use1-az1'] } }, 'needs.yaml:6:7: cloud.zoneIds[0]: use1-az3 is a zone of us-east-1 that Amazon EKS does not support for cluster subnets; choose one of use1-az1, use1-az2, use1-az4, use1-az5, use1-az6'],
    [{ cloud: { region: 'us-east-1', zoneIds: ['use1-az1', 'use1-az1'] } }, 'needs.yaml:7:7: cloud.zoneIds[1]: duplicate zone use1-az1 (also zoneIds[0]); list each zone once'],
    [{ cloud: { region: 'us-east-1', zoneIds: ['use1-az1'] } }, 'needs.yaml:6:5: cloud.zoneIds: must list 2 to 6 zone IDs, got 1'],
    [{ cloud: { region: 'us-east-1', zoneIds: ['us-east-1a', 'use1-az1'] } }, 'needs.yaml:6:7: cloud.zoneIds[0]: must be an availability zone ID such as use1-az4, got "us-east-1a" (a string)'],
    [{ cloud: { region: 'us-east-1', availabilityZones: 3, zoneIds: ['use1-az1', 'use1-az2'] } }, 'needs.yaml:5:22: cloud.availabilityZones: is 3, but cloud.zoneIds lists 2 zones and sets the count; remove availabilityZones or make them agree'],
  ])('%j → %s', (patch, expected) => {
    expect(problemsOf(patch)).toEqual([expected]);
  });

  test('a reservation outside the given zoneIds, or in a zone the region lacks, is located at its zoneId', () => {
    const training = (zoneId: string) => ({ training: { accelerator: 'h100', gpus: 16, capacity: 'reservation', reservations: [{ id: 'cr-0123456789abcdef0', zoneId }] } });
    expect(problemsOf({ cloud: { region: 'us-east-1', zoneIds: ['use1-az1', 'use1-az2'] }, workload: training('use1-az4') })).toEqual([
      'needs.yaml:15:17: workload.training.reservations[0].zoneId: use1-az4 is not in cloud.zoneIds (use1-az1, use1-az2); the VPC has no subnet there, so add the zone to cloud.zoneIds',
    ]);
    expect(problemsOf({ workload: training('euw1-az1') })[0]).toMatch(/reservations\[0\]\.zoneId: euw1-az1 is not a zone of us-east-1/);
  });

  test('reservations across more zones than the VPC spans are an error that names both fixes', () => {
    const reservations = ['use1-az1', 'use1-az2', 'use1-az4'].map((zoneId, i) => ({ id: `cr-0123456789abcdef${i}`, zoneId }));
    expect(problemsOf({ cloud: { region: 'us-east-1', availabilityZones: 2 }, workload: { training: { accelerator: 'h100', gpus: 24, capacity: 'reservation', reservations } } })).toEqual([
      expect.stringMatching(/workload\.training\.reservations: span 3 zones, more than the VPC's 2 \(cloud\.availabilityZones\); raise availabilityZones or list the zones in cloud\.zoneIds$/),
    ]);
  });
});
