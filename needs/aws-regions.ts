/**
 * The AWS regions tracklayer can build in, with their Availability Zone IDs.
 *
 * Zones are named by **zone ID** (`use1-az1`), not by zone name (`us-east-1a`): names are
 * shuffled per account, IDs are the same in every account, so a synthesized stack means the
 * same zones everywhere and needs no plan-time `aws_availability_zones` lookup.
 *
 * Source: AWS "Regions and Availability Zones" and "AZ IDs for your AWS resources"
 * (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html), as of 2026-11.
 * Zone IDs that Amazon EKS does not support for control-plane subnets (use1-az3, usw1-az2,
 * cac1-az3; https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html) are left out
 * or placed last, so the first `availabilityZones` zones always work for EKS.
 */

/** One commercial AWS region. */
export interface AwsRegion {
  /** Region code, e.g. `eu-central-1`. */
  readonly code: string;
  /** Availability Zone IDs in the order tracklayer uses them. */
  readonly zoneIds: readonly string[];
}

function zones(prefix: string, numbers: readonly number[]): readonly string[] {
  return numbers.map((n) => `${prefix}-az${n}`);
}

const THREE = [1, 2, 3] as const;

/** Every region a needs file may name, in the aws partition. */
export const AWS_REGIONS: readonly AwsRegion[] = [
  { code: 'us-east-1', zoneIds: zones('use1', [1, 2, 4, 5, 6]) },
  { code: 'us-east-2', zoneIds: zones('use2', THREE) },
  { code: 'us-west-1', zoneIds: zones('usw1', [1, 3]) },
  { code: 'us-west-2', zoneIds: zones('usw2', [1, 2, 3, 4]) },
  { code: 'af-south-1', zoneIds: zones('afs1', THREE) },
  { code: 'ap-east-1', zoneIds: zones('ape1', THREE) },
  { code: 'ap-east-2', zoneIds: zones('ape2', THREE) },
  { code: 'ap-south-1', zoneIds: zones('aps1', THREE) },
  { code: 'ap-south-2', zoneIds: zones('aps2', THREE) },
  { code: 'ap-southeast-1', zoneIds: zones('apse1', THREE) },
  { code: 'ap-southeast-2', zoneIds: zones('apse2', THREE) },
  { code: 'ap-southeast-3', zoneIds: zones('apse3', THREE) },
  { code: 'ap-southeast-4', zoneIds: zones('apse4', THREE) },
  { code: 'ap-southeast-5', zoneIds: zones('apse5', THREE) },
  { code: 'ap-southeast-6', zoneIds: zones('apse6', THREE) },
  { code: 'ap-southeast-7', zoneIds: zones('apse7', THREE) },
  { code: 'ap-northeast-1', zoneIds: zones('apne1', [1, 2, 4]) },
  { code: 'ap-northeast-2', zoneIds: zones('apne2', [1, 2, 3, 4]) },
  { code: 'ap-northeast-3', zoneIds: zones('apne3', THREE) },
  { code: 'ca-central-1', zoneIds: zones('cac1', [1, 2, 4]) },
  { code: 'ca-west-1', zoneIds: zones('caw1', THREE) },
  { code: 'eu-central-1', zoneIds: zones('euc1', THREE) },
  { code: 'eu-central-2', zoneIds: zones('euc2', THREE) },
  { code: 'eu-west-1', zoneIds: zones('euw1', THREE) },
  { code: 'eu-west-2', zoneIds: zones('euw2', THREE) },
  { code: 'eu-west-3', zoneIds: zones('euw3', THREE) },
  { code: 'eu-south-1', zoneIds: zones('eus1', THREE) },
  { code: 'eu-south-2', zoneIds: zones('eus2', THREE) },
  { code: 'eu-north-1', zoneIds: zones('eun1', THREE) },
  { code: 'il-central-1', zoneIds: zones('ilc1', THREE) },
  { code: 'me-south-1', zoneIds: zones('mes1', THREE) },
  { code: 'me-central-1', zoneIds: zones('mec1', THREE) },
  { code: 'mx-central-1', zoneIds: zones('mxc1', THREE) },
  { code: 'sa-east-1', zoneIds: zones('sae1', THREE) },
];

/**
 * Zone IDs that exist but that Amazon EKS rejects for cluster subnets
 * (https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html), so that a needs file
 * naming one gets a reason instead of "unknown zone".
 */
export const EKS_UNSUPPORTED_ZONE_IDS: Readonly<Record<string, string>> = {
  'use1-az3': 'us-east-1',
  'usw1-az2': 'us-west-1',
  'cac1-az3': 'ca-central-1',
};

/**
 * Regions that exist but sit in another partition (other ARNs, endpoints and console):
 * named so the error says why instead of "unknown region".
 */
export const OTHER_PARTITION_REGIONS: Readonly<Record<string, string>> = {
  'us-gov-west-1': 'aws-us-gov',
  'us-gov-east-1': 'aws-us-gov',
  'cn-north-1': 'aws-cn',
  'cn-northwest-1': 'aws-cn',
  'eusc-de-east-1': 'aws-eusc',
};

/** Region codes a needs file may use. */
export const REGION_CODES: readonly string[] = AWS_REGIONS.map((r) => r.code);

/** The region with this code, or undefined. */
export function findRegion(code: string): AwsRegion | undefined {
  return AWS_REGIONS.find((r) => r.code === code);
}
