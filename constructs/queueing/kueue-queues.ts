/**
 * The Kueue objects that share the training GPUs between teams, as custom resources
 * (kueue.x-k8s.io/v1beta2), from a {@link QueuePlan}:
 *
 * | object                          | one per             | what                                                            |
 * |---------------------------------|---------------------|-----------------------------------------------------------------|
 * | ResourceFlavor `<node group>`   | training node group | nodes labelled `tracklayer.dev/node-group=<node group>`, tainted with the accelerator taint |
 * | Cohort `training-gpus`          | cluster             | the pool; holds the capacity no team is guaranteed              |
 * | ClusterQueue `<team>`           | team                | nominal quota = the team's share, borrowing up to all idle capacity, preemption by priority |
 * | LocalQueue `default`            | team namespace      | where the team's jobs queue (the default for jobs without a queue label) |
 *
 * Admission: Kueue puts a job's pods on the first flavor (in node-group order) where the quota
 * for the whole pod set fits, and adds that flavor's node label to the pods' node selector, so
 * every pod of a job lands in one node group (one EFA fabric, one zone). The flavors carry the
 * accelerator taint as `nodeTaints`: a job whose pods do not tolerate it is refused at
 * admission ("untolerated taint") instead of being admitted and pending forever.
 *
 * Preemption (`spec.preemption`), with tracklayer's priority classes
 * (../platform/scheduling-priorities.ts: training 100,000, batch-preemptible 0):
 * - `reclaimWithinCohort: Any`: a team whose guaranteed quota was lent out gets it back by
 *   preempting whatever borrowed it.
 * - `borrowWithinCohort: LowerPriority` up to priority 0 (`maxPriorityThreshold`): a team may
 *   preempt another team's interruptible (`batch-preemptible`) work to borrow, never its
 *   `training` work.
 * - `withinClusterQueue: LowerPriority`: inside a team, higher priority goes first.
 *
 * These objects need Kueue's CRDs at plan time (`kubernetes_manifest` reads the schema from the
 * API server), so they live in their own stack, applied after the gpu-platform stack that
 * installs Kueue (README "Queues").
 */
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { NODE_GROUP_LABEL, type NodeTaint } from '../compute/accelerator-node-config';
import { tolerationOf } from '../platform/node-placement';
import { isZero, quantities, type QueuePlan, type QuotaUnits } from './queue-plan';

/** Kueue's API version of the objects. */
export const KUEUE_API_VERSION = 'kueue.x-k8s.io/v1beta2';
/** The cohort every team's ClusterQueue belongs to. */
export const TRAINING_COHORT = 'training-gpus';
/** Each team namespace's LocalQueue: `default`, so jobs without a queue label land in it too. */
export const TEAM_LOCAL_QUEUE = 'default';
/**
 * Highest priority a borrowing team may preempt in another team's queue: 0, the
 * `batch-preemptible` class. Work at `training` priority is never preempted by a borrower.
 */
export const BORROW_PREEMPTION_MAX_PRIORITY = 0;

/** A flavor's node selection: its node group's name (the label value) and taint. */
export interface FlavorNodes {
  /** The flavor's name, which is its node group's name. */
  readonly name: string;
  /** The taint its nodes carry. */
  readonly taint: NodeTaint;
}

/** Props of {@link KueueQueues}. */
export interface KueueQueuesProps {
  /** The quota plan (./queue-plan.ts). */
  readonly plan: QueuePlan;
  /** The node selection of each flavor of the plan. */
  readonly flavors: readonly FlavorNodes[];
}

/** Thrown when a flavor of the plan has no node selection. */
export class KueueQueuesError extends Error {
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'KueueQueuesError';
  }
}

/** The flavors, the cohort, a ClusterQueue per team and a LocalQueue per team namespace. */
export class KueueQueues extends Construct {
  /** ResourceFlavors by name. */
  readonly flavors: Readonly<Record<string, Manifest>>;
  /** ClusterQueues by team. */
  readonly clusterQueues: Readonly<Record<string, Manifest>>;
  /** LocalQueues by team. */
  readonly localQueues: Readonly<Record<string, Manifest>>;

  constructor(scope: Construct, id: string, props: KueueQueuesProps) {
    super(scope, id);
    const { plan } = props;
    const byName = new Map(props.flavors.map((f) => [f.name, f]));
    const missing = plan.capacity.filter((c) => !byName.has(c.flavor)).map((c) => c.flavor);
    if (missing.length > 0) throw new KueueQueuesError(this.node.path, `flavors ${missing.join(', ')} of the plan have no node selection in props.flavors; pass one per node group`);

    this.flavors = Object.fromEntries(plan.capacity.map(({ flavor }) => [flavor, this.manifest(`flavor-${flavor}`, resourceFlavor(byName.get(flavor)!))]));
    const flavorObjects = Object.values(this.flavors);
    const cohort = this.manifest('cohort', cohortObject(plan), flavorObjects);
    this.clusterQueues = Object.fromEntries(plan.teams.map((team) => [team.team, this.manifest(`cluster-queue-${team.team}`, clusterQueue(plan, team.team), [...flavorObjects, cohort])]));
    this.localQueues = Object.fromEntries(
      plan.teams.map((team) => [team.team, this.manifest(`local-queue-${team.team}`, localQueue(team.team), [this.clusterQueues[team.team]])]),
    );
  }

  private manifest(id: string, manifest: Record<string, unknown>, dependsOn: Manifest[] = []): Manifest {
    return new Manifest(this, id, { manifest, ...(dependsOn.length > 0 ? { dependsOn } : {}) });
  }
}

const metadataLabels = { 'app.kubernetes.io/part-of': 'tracklayer-gpu-platform' };

/** A ResourceFlavor for one node group. */
export function resourceFlavor(flavor: FlavorNodes): Record<string, unknown> {
  const toleration = tolerationOf(flavor.taint);
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'ResourceFlavor',
    metadata: { name: flavor.name, labels: metadataLabels },
    spec: {
      nodeLabels: { [NODE_GROUP_LABEL]: flavor.name },
      nodeTaints: [{ key: flavor.taint.key, value: flavor.taint.value, effect: toleration.effect }],
    },
  };
}

function resourceGroups(plan: QueuePlan, quota: (flavor: string, index: number) => { nominal: QuotaUnits; borrowingLimit?: QuotaUnits }) {
  return [
    {
      coveredResources: [...plan.coveredResources],
      flavors: plan.capacity.map(({ flavor }, index) => {
        const { nominal, borrowingLimit } = quota(flavor, index);
        const limits = borrowingLimit ? Object.fromEntries(quantities(borrowingLimit, plan).map((q) => [q.name, q.quantity])) : {};
        return {
          name: flavor,
          resources: quantities(nominal, plan).map((q) => ({ name: q.name, nominalQuota: q.quantity, ...(borrowingLimit ? { borrowingLimit: limits[q.name] } : {}) })),
        };
      }),
    },
  ];
}

/** The cohort, with the capacity no team is guaranteed as its own quota. */
export function cohortObject(plan: QueuePlan): Record<string, unknown> {
  const shared = plan.cohort.some((c) => !isZero(c.units));
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'Cohort',
    metadata: { name: TRAINING_COHORT, labels: metadataLabels },
    spec: shared ? { resourceGroups: resourceGroups(plan, (_, index) => ({ nominal: plan.cohort[index].units })) } : {},
  };
}

/** A team's ClusterQueue: its quota per flavor, in the cohort, open to its namespace only. */
export function clusterQueue(plan: QueuePlan, team: string): Record<string, unknown> {
  const teamPlan = plan.teams.find((t) => t.team === team);
  if (!teamPlan) throw new KueueQueuesError('clusterQueue', `team ${team} is not in the plan (it has ${plan.teams.map((t) => t.team).join(', ')})`);
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'ClusterQueue',
    metadata: { name: team, labels: metadataLabels },
    spec: {
      cohortName: TRAINING_COHORT,
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': team } },
      queueingStrategy: 'BestEffortFIFO',
      resourceGroups: resourceGroups(plan, (_, index) => teamPlan.flavors[index]),
      preemption: {
        reclaimWithinCohort: 'Any',
        borrowWithinCohort: { policy: 'LowerPriority', maxPriorityThreshold: BORROW_PREEMPTION_MAX_PRIORITY },
        withinClusterQueue: 'LowerPriority',
      },
    },
  };
}

/** The LocalQueue `default` of a team's namespace, feeding its ClusterQueue. */
export function localQueue(team: string): Record<string, unknown> {
  return {
    apiVersion: KUEUE_API_VERSION,
    kind: 'LocalQueue',
    metadata: { name: TEAM_LOCAL_QUEUE, namespace: team, labels: metadataLabels },
    spec: { clusterQueue: team },
  };
}
