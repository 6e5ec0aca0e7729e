/**
 * The regional Amazon ECR registry EKS publishes its add-on images to (the EFA device plugin
 * among them). Most regions share account 602401143452; opt-in regions each have their own.
 *
 * Source: Amazon EKS User Guide, "View Amazon container image registries for Amazon EKS add-ons"
 * (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html), as of 2026-11, for
 * every region needs/aws-regions.ts accepts. Nodes pull with the node role's
 * AmazonEC2ContainerRegistryReadOnly policy, over the ECR VPC endpoints where the network has them.
 */
import { PlatformError } from './platform-error';

/** The account most regions' add-on registries live in. */
export const DEFAULT_EKS_ADDON_REGISTRY_ACCOUNT = '602401143452';

/** Regions whose add-on registry is not in the default account. */
const REGIONAL_ACCOUNTS: Readonly<Record<string, string>> = Object.freeze({
  'af-south-1': '877085696533',
  'ap-east-1': '800184023465',
  'ap-east-2': '533267051163',
  'ap-south-2': '900889452093',
  'ap-southeast-3': '296578399912',
  'ap-southeast-4': '491585149902',
  'ap-southeast-5': '151610086707',
  'ap-southeast-6': '333609536671',
  'ap-southeast-7': '121268973566',
  'ca-west-1': '761377655185',
  'eu-central-2': '900612956339',
  'eu-south-1': '590381155156',
  'eu-south-2': '455263428931',
  'il-central-1': '066635153087',
  'me-central-1': '759879836304',
  'me-south-1': '558608220178',
  'mx-central-1': '730335286997',
});

/** A region code as needs/aws-regions.ts writes them (`eu-central-1`). */
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * The add-on registry host of `region`, e.g. `602401143452.dkr.ecr.eu-west-1.amazonaws.com`.
 * @throws PlatformError when `region` is not a region code.
 */
export function eksAddonRegistry(region: string): string {
  if (!REGION_PATTERN.test(region)) {
    throw new PlatformError('eksAddonRegistry', `region must be an AWS region code such as eu-central-1, got "${region}"`);
  }
  const account = REGIONAL_ACCOUNTS[region] ?? DEFAULT_EKS_ADDON_REGISTRY_ACCOUNT;
  return `${account}.dkr.ecr.${region}.amazonaws.com`;
}
