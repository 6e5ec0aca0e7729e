import { EfaNotSupportedError, ComputeError } from '../../../constructs/compute/compute-error';
import { efaNetworkInterfaces } from '../../../constructs/compute/efa-network-interfaces';
import { instance } from './catalog-instance';

const groups = ['sg-efa', 'sg-cluster'];

describe('efaNetworkInterfaces', () => {
  test('GIVEN p5.48xlarge WHEN laid out THEN 32 interfaces, one per network card 0..31', () => {
    const interfaces = efaNetworkInterfaces(instance('p5.48xlarge'), groups);
    expect(interfaces).toHaveLength(32);
    expect(interfaces.map((i) => i.networkCardIndex)).toEqual(Array.from({ length: 32 }, (_, card) => card));
    expect(new Set(interfaces.map((i) => i.networkCardIndex)).size).toBe(32);
  });

  test('GIVEN p5.48xlarge THEN card 0 carries the primary efa interface at device 0, the rest efa-only at device 1', () => {
    const [primary, ...others] = efaNetworkInterfaces(instance('p5.48xlarge'), groups);
    expect(primary).toMatchObject({ networkCardIndex: 0, deviceIndex: 0, interfaceType: 'efa' });
    expect(others).toHaveLength(31);
    for (const other of others) expect(other).toMatchObject({ deviceIndex: 1, interfaceType: 'efa-only' });
  });

  test('GIVEN security groups THEN every interface carries them, no public IP, deleted with the node, no subnet', () => {
    for (const entry of efaNetworkInterfaces(instance('p5.48xlarge'), groups)) {
      expect(entry.securityGroups).toEqual(groups);
      expect(entry.associatePublicIpAddress).toBe('false');
      expect(entry.deleteOnTermination).toBe('true');
      expect(entry).not.toHaveProperty('subnetId');
    }
  });

  test('GIVEN interfaces THEN their security group lists are copies, not one shared array', () => {
    const [a, b] = efaNetworkInterfaces(instance('p4d.24xlarge'), groups);
    expect(a.securityGroups).not.toBe(b.securityGroups);
    expect(a.securityGroups).not.toBe(groups);
  });

  test.each([
    ['p5en.48xlarge', 16],
    ['p4d.24xlarge', 4],
    ['p4de.24xlarge', 4],
    ['trn1n.32xlarge', 16],
    ['g6e.48xlarge', 4],
    ['g5.8xlarge', 1],
  ])('GIVEN %s THEN %i interfaces with one efa primary', (name, count) => {
    const interfaces = efaNetworkInterfaces(instance(name), groups);
    expect(interfaces).toHaveLength(count);
    expect(interfaces.filter((i) => i.interfaceType === 'efa')).toEqual([expect.objectContaining({ networkCardIndex: 0, deviceIndex: 0 })]);
    expect(interfaces.filter((i) => i.interfaceType === 'efa-only')).toHaveLength(count - 1);
  });

  test('GIVEN g5.xlarge (no EFA) WHEN laid out THEN throws EfaNotSupportedError naming the type and the fix', () => {
    const attempt = () => efaNetworkInterfaces(instance('g5.xlarge'), groups);
    expect(attempt).toThrow(EfaNotSupportedError);
    expect(attempt).toThrow(ComputeError);
    expect(attempt).toThrow(
      'efaNetworkInterfaces: instance type g5.xlarge has no EFA-capable network card (efaInterfaces is 0), so it cannot join an EFA fabric; pick an EFA type',
    );
  });

  test('GIVEN no security groups THEN throws saying which groups to pass', () => {
    expect(() => efaNetworkInterfaces(instance('p4d.24xlarge'), [])).toThrow(/securityGroupIds is empty; pass the EFA security group and the cluster security group/);
  });
});
