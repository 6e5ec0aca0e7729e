/**
 * The managed add-ons every tracklayer cluster runs, with the IAM each one needs through
 * EKS Pod Identity:
 *
 * | add-on                          | why                                        | IAM                                   |
 * |---------------------------------|--------------------------------------------|---------------------------------------|
 * | vpc-cni                         | pod networking                             | node role (AmazonEKS_CNI_Policy)      |
 * | kube-proxy                      | service routing                            | none                                  |
 * | eks-pod-identity-agent          | credentials for the roles below            | none                                  |
 * | coredns                         | cluster DNS                                | none                                  |
 * | aws-ebs-csi-driver              | persistent volumes                         | AmazonEBSCSIDriverPolicy              |
 * | amazon-cloudwatch-observability | Container Insights, GPU metrics (DCGM)     | CloudWatchAgentServerPolicy           |
 * | aws-mountpoint-s3-csi-driver    | training reads the lakehouse as a volume   | the lakehouse statements it is given  |
 *
 * GPU metrics on EKS come from the amazon-cloudwatch-observability add-on: its chart runs
 * NVIDIA's DCGM exporter on every NVIDIA GPU node unless its configuration sets
 * `dcgmExporter.enabled: false` (aws-observability/helm-charts
 * charts/amazon-cloudwatch-observability/values.yaml; the exporter tolerates every taint and adds
 * CAP_SYS_ADMIN), and the CloudWatch agent turns its metrics into Container Insights'
 * `node_gpu_*` metrics, which the GPU-idle alarm reads (../alerts/gpu-idle-alarm). DCGM allows
 * one exporter per node (profiling metrics are a node-wide lock), so the GPU platform on EKS
 * installs no exporter of its own while {@link cloudwatchAddonRunsDcgmExporter} says this one runs.
 *
 * Add-on versions are left to EKS (the default version for the cluster's Kubernetes version):
 * pinning them would need a plan-time `aws_eks_addon_version` lookup. Add-ons that run pods on
 * nodes wait for the first node group so they do not sit degraded while no node exists.
 */
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyStatement } from '../iam/policy-document';
import { PodIdentityRole } from './pod-identity-role';

/** The add-on that publishes Container Insights metrics, GPU metrics included. */
export const CLOUDWATCH_OBSERVABILITY_ADDON = 'amazon-cloudwatch-observability';

/**
 * The node label the CloudWatch add-on's DCGM exporter selects nodes by: its chart's default
 * `dcgmExporter.affinity` requires `node.kubernetes.io/instance-type` to be one of a list of EC2
 * NVIDIA GPU instance types (aws-observability/helm-charts
 * charts/amazon-cloudwatch-observability/values.yaml, chart 6.4.0). An EKS Hybrid Node is no EC2
 * instance and has no such type, so the add-on never runs an exporter there; the on-prem
 * servers get their own (../platform/hybrid-nodes-platform).
 */
export const CLOUDWATCH_DCGM_EXPORTER_NODE_LABEL = 'node.kubernetes.io/instance-type';

/**
 * The configuration values tracklayer sends to the CloudWatch add-on: none, so the add-on's
 * defaults apply and its DCGM exporter runs.
 */
export const CLOUDWATCH_ADDON_CONFIGURATION_VALUES: string | undefined = undefined;

/**
 * Whether the CloudWatch add-on with these configuration values (JSON, as `configuration_values`
 * takes it) runs its DCGM exporter: yes unless `dcgmExporter.enabled` is false.
 */
export function cloudwatchAddonRunsDcgmExporter(configurationValues: string | undefined): boolean {
  if (configurationValues === undefined || configurationValues.trim() === '') return true;
  const parsed = JSON.parse(configurationValues) as { dcgmExporter?: { enabled?: boolean } };
  return parsed.dcgmExporter?.enabled !== false;
}

/**
 * Configuration of the Pod Identity agent on a cluster with EKS Hybrid Nodes: the add-on's
 * second DaemonSet, the one that runs on hybrid nodes and reads the node's credentials file
 * (nodeadm `spec.hybrid.enableCredentialsFile: true`, see ../connectivity/nodeadm-config), so
 * pods on hybrid nodes get their pod identity too (EKS User Guide, "Configure add-ons for
 * hybrid nodes": `{"daemonsets":{"hybrid":{"create": true}}}`).
 */
export const POD_IDENTITY_AGENT_HYBRID_CONFIGURATION = JSON.stringify({ daemonsets: { hybrid: { create: true } } });

/** Add-ons that must exist before nodes join (networking, proxy, credentials). */
export const NODE_BOOTSTRAP_ADDONS = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'] as const;

/** Props of {@link ClusterAddons}. */
export interface ClusterAddonsProps {
  /** Cluster name (a reference to the cluster, so add-ons wait for it). */
  readonly clusterName: string;
  /** Prefix of IAM role names. */
  readonly namePrefix: string;
  /** S3 statements the Mountpoint CSI driver needs (read and write on lakehouse buckets). */
  readonly mountpointStatements: readonly PolicyStatement[];
  /** What add-ons with pods wait for (the system node group). */
  readonly nodesReady: readonly ITerraformDependable[];
  /**
   * The cluster has EKS Hybrid Nodes: the Pod Identity agent also runs on them
   * ({@link POD_IDENTITY_AGENT_HYBRID_CONFIGURATION}).
   * @default false
   */
  readonly hybridNodes?: boolean;
}

/** The managed add-ons and their pod identity roles. */
export class ClusterAddons extends Construct {
  /** Add-ons by name. */
  readonly addons: Readonly<Record<string, EksAddon>>;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    const addons: Record<string, EksAddon> = {};
    const add = (name: string, extra: Partial<ConstructorParameters<typeof EksAddon>[2]> = {}) => {
      addons[name] = new EksAddon(this, name, {
        clusterName: props.clusterName,
        addonName: name,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'PRESERVE', // never undo a setting an operator changed on purpose
        ...extra,
      });
    };
    for (const name of NODE_BOOTSTRAP_ADDONS) {
      add(name, name === 'eks-pod-identity-agent' && props.hybridNodes ? { configurationValues: POD_IDENTITY_AGENT_HYBRID_CONFIGURATION } : {});
    }
    const afterNodes = { dependsOn: [...props.nodesReady] };
    add('coredns', afterNodes);
    const role = (name: string, serviceAccount: string, managedPolicies: string[], statements: readonly PolicyStatement[] = []) => {
      const identity = new PodIdentityRole(this, `${name}-role`, { roleName: `${props.namePrefix}-${name}`, managedPolicies, statements });
      return { ...afterNodes, podIdentityAssociation: [{ roleArn: identity.role.arn, serviceAccount }] };
    };
    add('aws-ebs-csi-driver', role('ebs-csi', 'ebs-csi-controller-sa', ['service-role/AmazonEBSCSIDriverPolicy']));
    add(CLOUDWATCH_OBSERVABILITY_ADDON, {
      ...role('cloudwatch', 'cloudwatch-agent', ['CloudWatchAgentServerPolicy']),
      ...(CLOUDWATCH_ADDON_CONFIGURATION_VALUES === undefined ? {} : { configurationValues: CLOUDWATCH_ADDON_CONFIGURATION_VALUES }),
    });
    add('aws-mountpoint-s3-csi-driver', role('mountpoint-s3', 's3-csi-driver-sa', [], props.mountpointStatements));
    this.addons = addons;
  }
}
