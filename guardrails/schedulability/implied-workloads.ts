/**
 * The workloads a needs file implies but the stacks do not contain, because users submit them:
 *
 * | workload                     | where                                            | pods                                                       |
 * |------------------------------|--------------------------------------------------|------------------------------------------------------------|
 * | each team's training job     | the team's namespace; on the EKS cluster's training groups (`tracklayer.dev/workload=training`) | one pod per node, each with the node's chips, and all its EFA interfaces when the job spans nodes |
 * |                              | hybrid: the on-prem cluster takes what its GPUs can hold, the cloud the rest (NEEDS-v1.1: burst is what on-prem lacks) | |
 * | the cloud inference replicas | `inference` on the EKS cluster's inference group (`tracklayer.dev/workload=inference`) | `replicas` pods of one node's chips each |
 *
 * The pods state their accelerators (and EFA) and tolerate the accelerator taint, like the
 * README's example job; they state no CPU or memory, as many GPU jobs do, so the namespace's
 * LimitRange decides those. Every pod of a training job must land in one node source: Kueue
 * assigns a job's pods one flavor, which is one node group (one zone, one EFA fabric).
 */
import { ACCELERATOR_SPECS } from '../../catalog/accelerator';
import type { Needs } from '../../needs/schema';
import type { SynthesizedStack } from '../rule';
import { contextClusterKey, eksClusterKey } from './clusters';
import { EFA_RESOURCE, strategyOf, type NodeSource } from './node-sources';
import type { PodShape } from './pods';

/** The cluster of a cloud share when the strategy builds no cloud cluster. */
export const NO_CLOUD_CLUSTER = '(no cloud cluster)';

/** The label tracklayer's GPU node groups carry: what the nodes run. */
export const WORKLOAD_LABEL = 'tracklayer.dev/workload';

/** A workload the needs imply, shaped for each node source it could use. */
export interface ImpliedDemand {
  /** For people: `team vision's 32-GPU training job`. */
  readonly description: string;
  readonly kind: 'training job' | 'inference replicas';
  readonly name: string;
  readonly namespace: string;
  readonly cluster: string;
  /** The accelerator resource the pods request. */
  readonly deviceResource: string;
  /** Accelerator chips in all. */
  readonly chips: number;
  /** Every pod must land in one node source (a training job: one Kueue flavor). */
  readonly gang: boolean;
  /** The sources that could host it at all (right accelerator, right workload label on EKS). */
  candidates(source: NodeSource): boolean;
  /** The pods on `source`, or why the workload cannot use it at all. */
  shapeFor(source: NodeSource): { readonly pod: PodShape; readonly pods: number } | { readonly problem: string };
}

/** The pod of `chips` chips (and `efa` interfaces) of `deviceResource`, tolerating the accelerator taint. */
function acceleratorPod(deviceResource: string, chips: number, efa: number, nodeSelector: Record<string, string>): PodShape {
  const resources = { [deviceResource]: chips, ...(efa > 0 ? { [EFA_RESOURCE]: efa } : {}) };
  return {
    containers: [{ name: 'main', requests: resources, limits: resources }],
    nodeSelector,
    affinityTerms: [],
    tolerations: [{ key: deviceResource, operator: 'Exists', effect: 'NoSchedule' }],
  };
}

/** A job of `chips` chips in `namespace` of `cluster`. */
function trainingJob(team: string, chips: number, deviceResource: string, cluster: string, eks: boolean, where: string): ImpliedDemand {
  const selector: Record<string, string> = eks ? { [WORKLOAD_LABEL]: 'training' } : {};
  return {
    description: `team ${team}'s ${chips}-GPU training job${where}`,
    kind: 'training job',
    name: team,
    namespace: team,
    cluster,
    deviceResource,
    chips,
    gang: true,
    candidates: (source) => source.cluster === cluster && (source.allocatable[deviceResource] ?? 0) > 0 && (!eks || source.labels[WORKLOAD_LABEL] === 'training'),
    shapeFor: (source) => {
      const perNode = source.allocatable[deviceResource] ?? 0;
      const pods = Math.ceil(chips / perNode);
      const efa = eks && pods > 1 ? (source.allocatable[EFA_RESOURCE] ?? 0) : 0;
      if (eks && pods > 1 && efa === 0) return { problem: `the job spans ${pods} nodes, but ${source.description} has no EFA interfaces for the traffic between them` };
      return { pod: acceleratorPod(deviceResource, Math.min(chips, perNode), efa, selector), pods };
    },
  };
}

/** The workloads of the table above, for the clusters the synthesis reaches. */
export function impliedDemands(needs: Needs, stacks: readonly SynthesizedStack[]): ImpliedDemand[] {
  const demands: ImpliedDemand[] = [];
  const { training, inference, teams } = needs.workload;
  const eks = eksClusterKey(needs.name);
  const hasEks = stacks.some((stack) => stack.json.resource?.aws_eks_cluster !== undefined);
  const onPrem = strategyOf(stacks) === 'hybrid' ? needs.onPrem : undefined;
  const onPremChips = onPrem ? onPrem.gpuNodes * onPrem.gpusPerNode : 0;
  const onPremCluster = onPrem ? (onPrem.mode === 'hybrid-nodes' ? eks : onPrem.kubeContext ? contextClusterKey(onPrem.kubeContext) : undefined) : undefined;
  if (training) {
    const cloudResource = ACCELERATOR_SPECS[training.accelerator].deviceResource;
    for (const team of teams) {
      const local = onPrem && onPremCluster ? Math.min(team.gpus, onPremChips) : 0;
      if (local > 0 && onPrem && onPremCluster) {
        demands.push(trainingJob(team.name, local, ACCELERATOR_SPECS[onPrem.accelerator].deviceResource, onPremCluster, false, ' on premises'));
      }
      const cloud = team.gpus - local;
      if (cloud > 0) demands.push(trainingJob(team.name, cloud, cloudResource, hasEks ? eks : NO_CLOUD_CLUSTER, true, local > 0 ? ' in the cloud (what on-prem cannot hold)' : ''));
    }
  }
  if (inference && inference.replicas > 0 && hasEks) {
    const deviceResource = ACCELERATOR_SPECS[inference.accelerator].deviceResource;
    demands.push({
      description: `${inference.replicas} cloud inference replica${inference.replicas === 1 ? '' : 's'}`,
      kind: 'inference replicas',
      name: 'inference',
      namespace: 'inference',
      cluster: eks,
      deviceResource,
      chips: 0,
      gang: false,
      candidates: (source) => source.cluster === eks && (source.allocatable[deviceResource] ?? 0) > 0 && source.labels[WORKLOAD_LABEL] === 'inference',
      shapeFor: (source) => ({ pod: acceleratorPod(deviceResource, source.allocatable[deviceResource] ?? 0, 0, { [WORKLOAD_LABEL]: 'inference' }), pods: inference.replicas }),
    });
  }
  return demands;
}
