/**
 * The Kueue v1beta2 API objects tracklayer creates (ResourceFlavor, Cohort, ClusterQueue,
 * LocalQueue), as TypeScript types for the offline schema check (./kubernetes-schema). No package
 * ships Kueue's types, so these are read off the CRDs of the pinned release, v0.19.2
 * (kubernetes-sigs/kueue config/components/crd/bases/kueue.x-k8s.io_{resourceflavors,cohorts,
 * clusterqueues,localqueues}.yaml, version v1beta2): every spec field of those schemas, with
 * their enums; status is omitted (tracklayer never writes it). Bump them with the chart.
 */
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1';

/** int-or-string quantity (`x-kubernetes-int-or-string`). */
type Quantity = number | string;

interface KueueObject<Kind extends string, Spec> {
  apiVersion: 'kueue.x-k8s.io/v1beta2';
  kind: Kind;
  metadata: ObjectMeta;
  spec?: Spec;
}

interface Taint {
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  key: string;
  timeAdded?: string;
  value?: string;
}

interface Toleration {
  effect?: string;
  key?: string;
  operator?: string;
  tolerationSeconds?: number;
  value?: string;
}

interface FairSharing {
  weight?: Quantity;
}

/** ResourceFlavor spec. */
export type ResourceFlavor = KueueObject<'ResourceFlavor', { nodeLabels?: Record<string, string>; nodeTaints?: Taint[]; tolerations?: Toleration[]; topologyName?: string }>;

interface ResourceQuota {
  name: string;
  nominalQuota?: Quantity;
  borrowingLimit?: Quantity;
  lendingLimit?: Quantity;
}

interface ResourceGroup {
  coveredResources: string[];
  flavors: { name: string; resources: ResourceQuota[] }[];
}

/** Cohort spec. */
export type Cohort = KueueObject<'Cohort', { parentName?: string; resourceGroups?: ResourceGroup[]; fairSharing?: FairSharing }>;

/** ClusterQueue spec. */
export type ClusterQueue = KueueObject<
  'ClusterQueue',
  {
    admissionChecksStrategy?: { admissionChecks: { name: string; onFlavors?: string[] }[] };
    admissionScope?: { admissionMode: string };
    cohortName?: string;
    concurrentAdmissionPolicy?: Record<string, unknown>;
    fairSharing?: FairSharing;
    flavorFungibility?: { whenCanBorrow?: string; whenCanPreempt?: string };
    namespaceSelector?: LabelSelector;
    preemption?: {
      borrowWithinCohort?: { maxPriorityThreshold?: number; policy?: 'Never' | 'LowerPriority' };
      reclaimWithinCohort?: 'Never' | 'LowerPriority' | 'Any';
      withinClusterQueue?: 'Never' | 'LowerPriority' | 'LowerOrNewerEqualPriority';
    };
    queueingStrategy?: 'StrictFIFO' | 'BestEffortFIFO';
    resourceGroups?: ResourceGroup[];
    stopPolicy?: 'None' | 'Hold' | 'HoldAndDrain';
  }
>;

/** LocalQueue spec. */
export type LocalQueue = KueueObject<'LocalQueue', { clusterQueue: string; fairSharing?: FairSharing; stopPolicy?: 'None' | 'Hold' | 'HoldAndDrain' }>;
