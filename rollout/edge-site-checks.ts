/**
 * Checks of an edge site, before and after its stack deploys: the site's nodes hold the
 * inference Deployment (architecture, nodes and allocatable GPUs, with the figures a
 * schedulability rule needs), the device certificate Secret exists, and after the deploy the
 * Deployment rolls out (every pod Ready, which Triton's strict readiness reports only once the
 * site's models loaded with the helper's credentials).
 */
import { EDGE_HARDWARE_SPECS } from '../catalog/edge-hardware';
import { DEVICE_CERTIFICATE_SECRET } from '../constructs/edge/credential-helper';
import { EDGE_INFERENCE_DEPLOYMENT } from '../constructs/edge/edge-inference-service';
import { inferenceShape, updateStrategyFor } from '../constructs/edge/inference-rollout';
import type { EdgeSite } from '../needs/schema';
import type { EdgeCapacity, RolloutCheck } from './rollout-check';
import { shellCommand } from './shell';

/** The namespace the inference Deployment runs in (created by the site's GPU platform). */
export const INFERENCE_NAMESPACE = 'inference';

/** How long a site's rollout may take: each pod loads its models before the next one goes (maxSurge 0). */
export const SITE_ROLLOUT_TIMEOUT = '15m';

/** The capacity figures of a site's inference Deployment. */
export function edgeCapacity(site: EdgeSite): EdgeCapacity {
  const shape = inferenceShape(site.hardware, site.nodes);
  const spec = EDGE_HARDWARE_SPECS[site.hardware];
  return {
    site: site.name,
    context: site.kubeContext,
    deployment: `${INFERENCE_NAMESPACE}/${EDGE_INFERENCE_DEPLOYMENT}`,
    hardware: site.hardware,
    replicas: shape.replicas,
    nodes: shape.nodes,
    gpusPerPod: shape.gpusPerPod,
    gpuResource: shape.gpusPerPod > 0 ? (spec.deviceResource ?? null) : null,
    gpusPerNode: shape.gpusPerNode,
    onePerNode: shape.onePerNode,
    strategy: updateStrategyFor(shape),
  };
}

/** `kubectl --context <ctx> …` */
function kubectl(site: EdgeSite, ...args: string[]): string[] {
  return ['kubectl', '--context', site.kubeContext, ...args];
}

/** Pre-flight checks of a site: nodes that fit the Deployment, and the certificate Secret. */
export function edgePreflightChecks(site: EdgeSite, stack: string): RolloutCheck[] {
  const capacity = edgeCapacity(site);
  const arch = EDGE_HARDWARE_SPECS[site.hardware].architecture === 'arm64' ? 'arm64' : 'amd64';
  const strategy = capacity.strategy.type === 'RollingUpdate' ? `maxSurge ${capacity.strategy.maxSurge}, maxUnavailable ${capacity.strategy.maxUnavailable}` : 'Recreate';
  const nodes = `test "$(${shellCommand(kubectl(site, 'get', 'nodes', '-l', `kubernetes.io/arch=${arch}`, '-o', 'name'))} | wc -l)" -ge ${capacity.nodes}`;
  const gpus =
    capacity.gpusPerPod > 0
      ? ` && ${shellCommand(kubectl(site, 'get', 'nodes', '-o', `jsonpath={range .items[*]}{.status.allocatable.nvidia\\.com/gpu}{"\\n"}{end}`))} | awk '{s+=$1} END {exit !(s>=${capacity.replicas * capacity.gpusPerPod})}'`
      : '';
  const needsGpus = capacity.gpusPerPod > 0 ? `, ${capacity.replicas * capacity.gpusPerPod} allocatable ${capacity.gpuResource}` : '';
  return [
    {
      id: 'capacity',
      stack,
      detail: `${site.name}: ${capacity.nodes} ${arch} node(s)${needsGpus} for ${capacity.replicas} replica(s) × ${capacity.gpusPerPod} GPU, ${capacity.onePerNode ? 'one per node' : 'spread across nodes'}; updates with ${strategy}, so no update needs a GPU the site lacks`,
      command: nodes + gpus,
      capacity,
    },
    {
      id: 'device-certificate',
      stack,
      detail: `${site.name}: the Secret ${DEVICE_CERTIFICATE_SECRET} (certificate with CN ${site.name} and its key, made on the site) exists; a site deployed for the first time gets its namespace from this deploy, so create the Secret right after it (README, "Onboard an edge site")`,
      command: shellCommand(kubectl(site, '-n', INFERENCE_NAMESPACE, 'get', 'secret', DEVICE_CERTIFICATE_SECRET)),
    },
  ];
}

/** After the deploy: every inference pod of the site Ready (models loaded with the site's credentials). */
export function edgeValidationChecks(site: EdgeSite, stack: string): RolloutCheck[] {
  return [
    {
      id: 'status',
      stack,
      detail: `${site.name}: the inference Deployment rolls out, every pod Ready (Triton is Ready only once the site's models loaded from sites/${site.name}/ with Roles Anywhere credentials)`,
      command: shellCommand(kubectl(site, '-n', INFERENCE_NAMESPACE, 'rollout', 'status', `deployment/${EDGE_INFERENCE_DEPLOYMENT}`, `--timeout=${SITE_ROLLOUT_TIMEOUT}`)),
    },
  ];
}

/** The command that puts a site back on the previous ReplicaSet at once. */
export function edgeUndoCommand(site: EdgeSite): string {
  return shellCommand(kubectl(site, '-n', INFERENCE_NAMESPACE, 'rollout', 'undo', `deployment/${EDGE_INFERENCE_DEPLOYMENT}`));
}
