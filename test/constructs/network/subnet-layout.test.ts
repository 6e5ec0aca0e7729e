import { layoutSubnets } from '../../../constructs/network/subnet-layout';
import { Cidr } from '../../../needs/ipv4';

describe('layoutSubnets', () => {
  test('a /16 over three zones: /19 private, /22 public from the last eighth', () => {
    expect(layoutSubnets('10.0.0.0/16', ['use1-az1', 'use1-az2', 'use1-az4'])).toEqual([
      { zoneId: 'use1-az1', privateCidr: '10.0.0.0/19', publicCidr: '10.0.224.0/22' },
      { zoneId: 'use1-az2', privateCidr: '10.0.32.0/19', publicCidr: '10.0.228.0/22' },
      { zoneId: 'use1-az4', privateCidr: '10.0.64.0/19', publicCidr: '10.0.232.0/22' },
    ]);
  });

  test('a /20 over six zones stays inside the VPC with no overlaps', () => {
    const zones = ['a', 'b', 'c', 'd', 'e', 'f'].map((z) => `zone-${z}`);
    const layout = layoutSubnets('172.16.16.0/20', zones);
    const vpc = Cidr.of('172.16.16.0/20');
    const blocks = layout.flatMap((z) => [z.privateCidr, z.publicCidr]).map(Cidr.of);
    expect(layout[0]).toEqual({ zoneId: 'zone-a', privateCidr: '172.16.16.0/23', publicCidr: '172.16.30.0/26' });
    for (const block of blocks) expect(vpc.contains(block)).toBe(true);
    blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => expect(a.overlaps(b)).toBe(false)));
  });

  test('throws for more than six zones', () => {
    expect(() => layoutSubnets('10.0.0.0/16', ['1', '2', '3', '4', '5', '6', '7'])).toThrow('a VPC layout spans 1 to 6 zones, got 7');
  });
});
