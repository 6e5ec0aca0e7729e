/**
 * The needs file, version 1 (../shared/NEEDS-v1.md), as one zod schema: the single source
 * of truth for validation, defaults, the TypeScript types and needs.schema.json.
 *
 * Field-level rules live here; rules that relate several fields (CIDR overlaps, residency,
 * tier order, unique sites, strategy prerequisites) live in cross-field-checks.ts.
 */
import { z } from 'zod';
import { ACCELERATORS } from '../catalog/accelerator';
import { largestInstance } from '../catalog/choose-instance';
import { EDGE_HARDWARE } from '../catalog/edge-hardware';
import { RULE_IDS } from './rule-ids';
import { OTHER_PARTITION_REGIONS, REGION_CODES, findRegion } from './aws-regions';
import { didYouMean } from './closest-name';
import {
  boolean,
  cidrBlock,
  cidrBlockSized,
  describeValue,
  integerIn,
  matching,
  numberIn,
  oneOf,
  positiveNumber,
  publicCidrBlock,
  publicIpv4,
  textOfAtLeast,
} from './field-types';
import { Cidr, isPrivateBlock } from './ipv4';

/** The only apiVersion this toolkit reads. */
export const API_VERSION = 'tracklayer/v1';

/** Defaults of NEEDS-v1, named once: the schema applies them, checks and docs read them. */
export const DEFAULTS = {
  environment: 'dev',
  strategy: 'auto',
  dataSensitivity: 'moderate',
  availabilityZones: 3,
  vpcCidr: '10.0.0.0/16',
  pattern: 'steady',
  interruptible: false,
  replicas: 2,
  volumeTb: 10,
  tiers: { hotDays: 30, coolDays: 90, archiveDays: 365 },
  tableFormat: 'iceberg',
  gpusPerNode: 8,
  onPremAccelerator: 'h100',
  interconnect: 'ethernet',
  onPremMode: 'cluster',
  /** The one team when `workload.teams` is absent: today's `training` namespace. */
  teamName: 'training',
  rolloutWaves: 4,
  /** Streaming defaults: the contract's example rate, and the data-foundation plan's "under 5 seconds". */
  streaming: { mbPerSecond: 10, latencySeconds: 5 },
  /** Quality defaults of the data-foundation plan: completeness above 95%, freshness under 1 hour. */
  quality: { completenessPct: 95, freshnessMinutes: 60 },
} as const;

/** Limits of NEEDS-v1. */
export const LIMITS = { maxSites: 500, minSuppressReason: 10, minHotDays: 30 } as const;

const NAME_PATTERN = /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/;
const SITE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
/** A team name becomes a namespace and a queue: a DNS label of 2 to 32 characters. */
const TEAM_NAME_PATTERN = SITE_NAME_PATTERN;
/** An Availability Zone ID (`use1-az4`); whether the region has it is a cross-field check. */
const ZONE_ID_PATTERN = /^[a-z]{2,8}[0-9]-az[0-9]{1,2}$/;
/** An EC2 capacity reservation id (On-Demand Capacity Reservation or Capacity Block). */
const RESERVATION_ID_PATTERN = /^cr-[0-9a-f]{17}$/;
/** A kubeconfig context name: printable, no spaces (contexts are names, not paths). */
const KUBE_CONTEXT_PATTERN = /^[A-Za-z0-9._:@/-]{1,253}$/;
/** An S3 bucket name (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
const BUCKET_PATTERN = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const accelerator = () => oneOf(ACCELERATORS);

function region() {
  return z.enum(REGION_CODES as [string, ...string[]], {
    error: (issue) => {
      const input = issue.input;
      if (input === undefined) return 'is required: an AWS region code such as eu-central-1';
      if (typeof input === 'string' && OTHER_PARTITION_REGIONS[input]) {
        return `${input} is in the ${OTHER_PARTITION_REGIONS[input]} partition, which tracklayer does not support; choose a region of the aws partition`;
      }
      const hint = typeof input === 'string' ? didYouMean(input, REGION_CODES) : '';
      return `must be an AWS region code such as eu-central-1, got ${describeValue(input)}${hint}`;
    },
  });
}

const vpcCidr = cidrBlockSized(16, 20).superRefine((text, ctx) => {
  const parsed = Cidr.parse(text);
  if (typeof parsed !== 'string' && !isPrivateBlock(parsed)) {
    ctx.addIssue({ code: 'custom', message: `must be private address space (10/8, 172.16/12, 192.168/16 or 100.64/10), got "${text}"`, input: text });
  }
});

const business = z.strictObject({
  dataSensitivity: oneOf(['low', 'moderate', 'high']).default(DEFAULTS.dataSensitivity).describe('How sensitive the data is; high selects the hybrid strategy (rule sovereignty).'),
  compliance: z.array(oneOf(['gdpr', 'hipaa', 'ccpa'])).default([]).describe('Regulations the data falls under; hipaa puts object lock in compliance mode.'),
  monthlyBudgetUsd: positiveNumber().optional().describe('Monthly budget in US dollars; an AWS Budget alerts at 80% forecast and 100% actual.'),
});

const cloud = z.strictObject({
  region: region().describe('The AWS region every cloud stack lives in.'),
  dataResidency: z.array(region()).optional().describe('Regions where data may rest; must include region.'),
  availabilityZones: integerIn(2, 6).default(DEFAULTS.availabilityZones).describe('How many availability zones the VPC spans.'),
  vpcCidr: vpcCidr.default(DEFAULTS.vpcCidr).describe('The VPC address range, /16 to /20, private address space.'),
  apiAccessCidrs: z.array(publicCidrBlock()).optional().describe('Public CIDRs allowed to reach the EKS API endpoint; absent: private endpoint only.'),
  zoneIds: z
    .array(matching(ZONE_ID_PATTERN, 'an availability zone ID such as use1-az4'))
    .min(2, { error: (issue) => `must list 2 to 6 zone IDs, got ${(issue.input as unknown[]).length}` })
    .max(6, { error: (issue) => `must list 2 to 6 zone IDs, got ${(issue.input as unknown[]).length}` })
    .optional()
    .describe('The zones to use, by zone ID, in this order; the first holds the EFA training group unless reservations place it. Sets availabilityZones. Default: reservation zones first, then the region\'s zones in tracklayer\'s order.'),
});

/** How training capacity is bought (NEEDS-v1.1 `workload.training.capacity`). */
export const TRAINING_CAPACITIES = ['on-demand', 'spot', 'reservation', 'capacity-block'] as const;
/** A capacity kind. */
export type TrainingCapacity = (typeof TRAINING_CAPACITIES)[number];

const reservation = z.strictObject({
  id: matching(RESERVATION_ID_PATTERN, 'a capacity reservation id such as cr-0123456789abcdef0').describe('The capacity reservation (or Capacity Block) id; unique.'),
  zoneId: matching(ZONE_ID_PATTERN, 'an availability zone ID such as use1-az4').describe('The zone the reservation lives in; one of the region\'s zones (and of cloud.zoneIds when given).'),
});

const training = z
  .strictObject({
    accelerator: accelerator().describe('The accelerator to train on.'),
    gpus: integerIn(1, 4096).describe('Accelerator chips in total.'),
    multiNode: boolean().optional().describe('Train across nodes over EFA; default: true when gpus exceed one instance.'),
    interruptible: boolean().default(DEFAULTS.interruptible).describe('true: spot capacity is acceptable.'),
    capacity: oneOf(TRAINING_CAPACITIES).optional().describe('How training capacity is bought; default: spot when interruptible is true, else on-demand. spot needs interruptible: true.'),
    reservations: z.array(reservation).optional().describe('Required with capacity reservation or capacity-block, forbidden otherwise: one node group per reservation, in its zone.'),
  })
  .transform((t) => ({
    ...t,
    multiNode: t.multiNode ?? t.gpus > largestInstance(t.accelerator).chips,
    capacity: t.capacity ?? ((t.interruptible ? 'spot' : 'on-demand') as TrainingCapacity),
    reservations: t.reservations ?? [],
  }));

const team = z.strictObject({
  name: matching(TEAM_NAME_PATTERN, 'a team name of 2 to 32 lowercase letters, digits and hyphens, starting with a letter').describe('Team name; unique; becomes a namespace and a queue.'),
  gpus: integerIn(1, 4096).describe("The team's guaranteed share of the training GPUs; idle shares may be borrowed by other teams."),
});

const site = z
  .strictObject({
    name: matching(SITE_NAME_PATTERN, 'a site name of 2 to 32 lowercase letters, digits and hyphens, starting with a letter').describe('Site name; unique.'),
    hardware: oneOf(EDGE_HARDWARE).describe("The site's inference hardware."),
    nodes: integerIn(1, 100).describe('Nodes at the site.'),
    kubeContext: matching(KUBE_CONTEXT_PATTERN, 'a kubeconfig context name').optional().describe("Kubeconfig context of the site's cluster; default: the site name."),
  })
  .transform((s) => ({ ...s, kubeContext: s.kubeContext ?? s.name }));

const rollout = z.strictObject({
  pilot: z
    .array(matching(SITE_NAME_PATTERN, 'a site name'))
    .min(1, { error: 'must name at least one site (omit pilot to pilot the first site)' })
    .optional()
    .describe('Sites deployed first; default: the first site listed.'),
  waves: integerIn(1, 50).default(DEFAULTS.rolloutWaves).describe('The other sites are split into this many waves, in listed order (capped at the number of remaining sites).'),
});

const inference = z.strictObject({
  accelerator: accelerator().describe('The accelerator to serve on in the cloud.'),
  latencyMs: integerIn(1, 60000).describe('p99 latency budget in milliseconds; under 20 with sites selects edge-centric.'),
  replicas: integerIn(0, 1000).default(DEFAULTS.replicas).describe('Cloud inference replicas.'),
  sites: z
    .array(site)
    .max(LIMITS.maxSites, { error: (issue) => `must list at most ${LIMITS.maxSites} sites, got ${(issue.input as unknown[]).length}` })
    .optional()
    .describe('Edge locations.'),
  rollout: rollout.optional().describe('Pilot sites first, then waves; only with sites.'),
});

const workload = z.strictObject({
  pattern: oneOf(['steady', 'bursty', 'scheduled']).default(DEFAULTS.pattern).describe('How demand moves; bursty selects cloud-first (rule elasticity).'),
  training: training.optional().describe('Model training in the cloud (and on premises in hybrid).'),
  inference: inference.optional().describe('Model serving: cloud replicas and edge sites.'),
  teams: z.array(team).min(1, { error: 'must list at least one team (omit teams for one team "training")' }).optional().describe('Who shares the training GPUs; default: one team "training" with all of them.'),
});

const tiers = z.strictObject({
  hotDays: integerIn(LIMITS.minHotDays, 36500).default(DEFAULTS.tiers.hotDays).describe('Days in STANDARD before STANDARD_IA (S3 requires >= 30).'),
  coolDays: integerIn(1, 36500).default(DEFAULTS.tiers.coolDays).describe('Days before GLACIER_IR, at least 30 after hotDays (S3 rule).'),
  archiveDays: integerIn(1, 36500).default(DEFAULTS.tiers.archiveDays).describe('Days before DEEP_ARCHIVE, at least 30 after coolDays (S3 rule).'),
});

const streaming = z.strictObject({
  source: oneOf(['kafka', 'kinesis']).describe('kafka: Amazon MSK; kinesis: a Kinesis data stream; either delivers into the raw zone through Firehose.'),
  mbPerSecond: integerIn(1, 10000).default(DEFAULTS.streaming.mbPerSecond).describe('Sustained ingest rate in MB/s; sizes the stream.'),
  latencySeconds: integerIn(1, 900).default(DEFAULTS.streaming.latencySeconds).describe('Delivery latency target into raw, in seconds.'),
});

const quality = z.strictObject({
  completenessPct: numberIn(50, 100).default(DEFAULTS.quality.completenessPct).describe('Minimum share of complete values in the curated tables, in percent.'),
  freshnessMinutes: integerIn(1, 10080).default(DEFAULTS.quality.freshnessMinutes).describe('Maximum age of the newest curated data, in minutes.'),
});

const data = z.strictObject({
  volumeTb: positiveNumber().default(DEFAULTS.volumeTb).describe('Data volume in TB.'),
  tiers: tiers.default({ ...DEFAULTS.tiers }).describe('Storage tier transitions, each at least 30 days after the previous (S3 rule).'),
  tableFormat: oneOf(['iceberg', 'none']).default(DEFAULTS.tableFormat).describe('iceberg: S3 Tables for curated data.'),
  retentionDays: integerIn(1, 36500)
    .optional()
    .describe('Raw and curated objects may not be deleted before this many days (object lock; COMPLIANCE mode with hipaa, else GOVERNANCE). The models zone is not locked: checkpoints would pile up undeletable.'),
  streaming: streaming.optional().describe('Real-time ingestion into the raw zone.'),
  quality: quality.optional().describe('Data quality rules on the curated tables.'),
});

const state = z.strictObject({
  bucket: matching(BUCKET_PATTERN, 'an S3 bucket name').describe('An existing S3 bucket; each stack keeps <name>/<stack>.tfstate there.'),
  region: region().optional().describe('Region of the state bucket; default: cloud.region.'),
});

const onPrem = z.strictObject({
  mode: oneOf(['cluster', 'hybrid-nodes'])
    .default(DEFAULTS.onPremMode)
    .describe('cluster: the servers run their own Kubernetes cluster (kubeContext required); hybrid-nodes: they join the EKS cluster as EKS Hybrid Nodes (kubeContext forbidden, podCidr required).'),
  kubeContext: matching(KUBE_CONTEXT_PATTERN, 'a kubeconfig context name').optional().describe('Kubeconfig context of the on-prem cluster; required in mode cluster, forbidden in hybrid-nodes.'),
  gpuNodes: integerIn(1, 10000).describe('GPU servers on premises.'),
  gpusPerNode: integerIn(1, 16).default(DEFAULTS.gpusPerNode).describe('GPUs per server.'),
  accelerator: accelerator().default(DEFAULTS.onPremAccelerator).describe('The on-prem accelerator.'),
  interconnect: oneOf(['infiniband', 'roce', 'ethernet']).default(DEFAULTS.interconnect).describe('infiniband or roce adds the RDMA device plugin.'),
  networkCidr: cidrBlock().describe('The on-prem node network; must not overlap cloud.vpcCidr.'),
  podCidr: cidrBlock().optional().describe('The on-prem pod network; must overlap neither.'),
  vpnPeerIp: publicIpv4().describe('Public IPv4 of the on-prem VPN device.'),
});

const suppression = z.strictObject({
  rule: oneOf(RULE_IDS).describe('A rule id of RULES.md.'),
  resource: textOfAtLeast(1, 'a construct path').optional().describe('Construct path; absent: the whole rule.'),
  reason: textOfAtLeast(LIMITS.minSuppressReason, 'a reason').describe('Why the exception is acceptable.'),
});

const guardrails = z.strictObject({
  suppress: z.array(suppression).default([]).describe('Accepted exceptions to policy rules.'),
});

/** The sections of a needs file, each validated on its own so cross-field checks can use what is valid. */
export const SECTIONS = { business, cloud, workload, data, state, onPrem, guardrails } as const;

/** The whole needs file. */
export const needsSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION, { error: (issue) => (issue.input === undefined ? `is required: ${API_VERSION}` : `must be ${API_VERSION}, got ${describeValue(issue.input)}`) }).describe('The format version; exactly tracklayer/v1.'),
    name: matching(NAME_PATTERN, 'a name of 3 to 24 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen').describe('Prefixes stack and resource names.'),
    environment: oneOf(['dev', 'staging', 'prod']).default(DEFAULTS.environment).describe('prod adds per-zone NAT, prevent_destroy on data.'),
    strategy: oneOf(['auto', 'cloud-first', 'hybrid', 'edge-centric']).default(DEFAULTS.strategy).describe('auto: the selection rules decide.'),
    business: business.default({ dataSensitivity: DEFAULTS.dataSensitivity, compliance: [] }).describe('What the business requires of its data and spend.'),
    cloud: cloud.describe('Where the cloud stacks live: region, zones, network.'),
    workload: workload.default({ pattern: DEFAULTS.pattern }).describe('How the AI workloads behave: training, inference, teams.'),
    data: data.default({ volumeTb: DEFAULTS.volumeTb, tiers: { ...DEFAULTS.tiers }, tableFormat: DEFAULTS.tableFormat }).describe('The lakehouse: volume, storage tiers, tables, retention, streaming, quality.'),
    state: state.optional().describe('Where Terraform state lives; absent: local state files beside the output directory (a warning in prod).'),
    onPrem: onPrem.optional().describe('An existing data centre with GPU servers (hybrid strategy).'),
    guardrails: guardrails.default({ suppress: [] }).describe('Accepted, reasoned exceptions to the policy rules of RULES.md.'),
  })
  .describe('A tracklayer needs file (NEEDS-v1): what the business needs from its AI infrastructure.')
  .transform((needs) => {
    const zoneIds = effectiveZoneIds(needs.cloud, needs.workload.training?.reservations ?? []);
    return {
      ...needs,
      cloud: { ...needs.cloud, zoneIds, availabilityZones: zoneIds.length },
      workload: { ...needs.workload, teams: needs.workload.teams ?? defaultTeams(needs.workload.training), inference: needs.workload.inference && withRollout(needs.workload.inference) },
      state: needs.state && { ...needs.state, region: needs.state.region ?? needs.cloud.region },
    };
  });

/**
 * The zones the cloud stacks use: `cloud.zoneIds` when given; otherwise the zones of the
 * reservations first (a reserved group must find a subnet in its zone), then the region's zones
 * in tracklayer's order, `availabilityZones` in all. Cross-field checks have already rejected
 * unknown zones and more reservation zones than availabilityZones, so this never invents one.
 */
function effectiveZoneIds(cloud: { region: string; availabilityZones: number; zoneIds?: readonly string[] }, reservations: readonly { zoneId: string }[]): string[] {
  if (cloud.zoneIds) return [...cloud.zoneIds];
  const regionZones = findRegion(cloud.region)?.zoneIds ?? [];
  return [...new Set([...reservations.map((r) => r.zoneId), ...regionZones])].slice(0, cloud.availabilityZones);
}

/** One team that holds every training GPU, as before teams existed. */
function defaultTeams(training: { gpus: number } | undefined): { name: string; gpus: number }[] {
  return training ? [{ name: DEFAULTS.teamName, gpus: training.gpus }] : [];
}

/** Fills the rollout of an inference need with sites: pilot the first site, waves capped at the sites left. */
function withRollout<T extends { sites?: readonly { name: string }[]; rollout?: { pilot?: string[]; waves: number } }>(inference: T) {
  const sites = inference.sites ?? [];
  if (sites.length === 0) return inference;
  const pilot = inference.rollout?.pilot ?? [sites[0].name];
  const remaining = sites.filter((site) => !pilot.includes(site.name)).length;
  const waves = Math.min(inference.rollout?.waves ?? DEFAULTS.rolloutWaves, remaining);
  return { ...inference, rollout: { pilot, waves } };
}

/** A validated needs file with every default filled in. */
export type Needs = z.output<typeof needsSchema>;
/** The strategies a needs file may name or the rules may select. */
export type Strategy = Exclude<Needs['strategy'], 'auto'>;
/** The training need, when present. */
export type TrainingNeed = NonNullable<Needs['workload']['training']>;
/** The inference need, when present. */
export type InferenceNeed = NonNullable<Needs['workload']['inference']>;
/** One edge site. */
export type EdgeSite = NonNullable<InferenceNeed['sites']>[number];
/** One team sharing the training GPUs. */
export type Team = Needs['workload']['teams'][number];
/** One capacity reservation of the training group. */
export type Reservation = TrainingNeed['reservations'][number];
/** The streaming need, when present. */
export type StreamingNeed = NonNullable<Needs['data']['streaming']>;
/** The quality need, when present. */
export type QualityNeed = NonNullable<Needs['data']['quality']>;
/** The on-prem data centre, when present. */
export type OnPremNeed = NonNullable<Needs['onPrem']>;
