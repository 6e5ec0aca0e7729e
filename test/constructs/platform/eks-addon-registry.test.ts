import { eksAddonRegistry } from '../../../constructs/platform/eks-addon-registry';
import { REGION_CODES } from '../../../needs/aws-regions';

describe('eksAddonRegistry', () => {
  test('GIVEN a region in the shared account THEN 602401143452 in that region', () => {
    expect(eksAddonRegistry('us-east-1')).toBe('602401143452.dkr.ecr.us-east-1.amazonaws.com');
    expect(eksAddonRegistry('eu-central-1')).toBe('602401143452.dkr.ecr.eu-central-1.amazonaws.com');
  });

  test('GIVEN an opt-in region THEN its own account', () => {
    expect(eksAddonRegistry('af-south-1')).toBe('877085696533.dkr.ecr.af-south-1.amazonaws.com');
    expect(eksAddonRegistry('me-central-1')).toBe('759879836304.dkr.ecr.me-central-1.amazonaws.com');
    expect(eksAddonRegistry('mx-central-1')).toBe('730335286997.dkr.ecr.mx-central-1.amazonaws.com');
  });

  test('every region a needs file accepts has a registry host in that region', () => {
    for (const region of REGION_CODES) expect(eksAddonRegistry(region)).toMatch(new RegExp(`^\\d{12}\\.dkr\\.ecr\\.${region}\\.amazonaws\\.com$`));
  });

  test('throws for something that is not a region code', () => {
    expect(() => eksAddonRegistry('US East')).toThrow('eksAddonRegistry: region must be an AWS region code such as eu-central-1, got "US East"');
  });
});
