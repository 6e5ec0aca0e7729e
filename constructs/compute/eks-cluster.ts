/**
 * An EKS control plane that is private by default: private endpoint on, public endpoint only
 * for listed CIDRs, secrets envelope-encrypted with a customer-managed key, every control-plane
 * log type on, and access managed by EKS access entries (authentication mode API) with the
 * creating principal bootstrapped as cluster admin. With EKS Hybrid Nodes: remote node and pod
 * networks and, optionally, the service range, both ForceNew in hashicorp/aws 5.100.0 (see the
 * props for how tracklayer keeps running clusters from being replaced).
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksCluster as EksClusterResource } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';
import { ComputeError } from './compute-error';
import { CONTROL_PLANE_LOG_TYPES, KUBERNETES_VERSION } from './kubernetes-version';

/** Control-plane log retention: a year of audit logs covers most incident and audit look-backs. */
export const DEFAULT_CONTROL_PLANE_LOG_RETENTION_DAYS = 365;

/** What the cluster role needs on the secrets key (envelope encryption; https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html). */
export const SECRETS_KEY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'] as const;

/** EKS Hybrid Nodes networks (on-prem nodes and pods that join this control plane). */
export interface RemoteNetworks {
  /** On-prem node CIDRs. */
  readonly nodeCidrs: readonly string[];
  /** On-prem pod CIDRs. @default - none */
  readonly podCidrs?: readonly string[];
}

/** Props of {@link EksCluster}. */
export interface EksClusterProps {
  /** Cluster name. */
  readonly name: string;
  /** Private subnets for the control plane's network interfaces (at least two zones). */
  readonly subnetIds: readonly string[];
  /** ARN of the KMS key that envelope-encrypts Kubernetes secrets. */
  readonly secretsKeyArn: string;
  /**
   * Public CIDRs that may reach the API endpoint over the internet. Never 0.0.0.0/0.
   * @default - none: the public endpoint is off and the API is reachable only from the VPC
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Kubernetes version.
   * @default KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: string;
  /**
   * On-prem networks for EKS Hybrid Nodes.
   * @default - none: no hybrid nodes
   */
  readonly remoteNetworks?: RemoteNetworks;
  /**
   * Without `remoteNetworks`: leave whatever remote networks the running cluster has
   * (`lifecycle.ignore_changes`) instead of removing them. hashicorp/aws 5.100.0 treats
   * `remote_network_config` as ForceNew (in-place updates came with terraform-provider-aws#42928),
   * so removing it from a cluster an earlier tracklayer created with remote networks would
   * destroy and re-create the cluster. A new cluster is still created without them.
   * @default false
   */
  readonly preserveRemoteNetworks?: boolean;
  /**
   * The Kubernetes service address range (`kubernetes_network_config.service_ipv4_cidr`).
   * ForceNew: set it only to the range the running cluster already has (for a cluster created
   * without one, what needs/eks-service-cidr computes), or the cluster is replaced.
   * @default - EKS picks 10.100.0.0/16 or 172.20.0.0/16
   */
  readonly serviceIpv4Cidr?: string;
  /**
   * Days to keep control-plane logs.
   * @default DEFAULT_CONTROL_PLANE_LOG_RETENTION_DAYS
   */
  readonly logRetentionDays?: number;
  /**
   * Refuse any plan that destroys the cluster (`lifecycle.prevent_destroy`).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/** The EKS control plane, its IAM role and its log group. */
export class EksCluster extends Construct {
  /** The cluster resource. */
  readonly cluster: EksClusterResource;
  /** The cluster name (a reference, so dependants wait for the cluster). */
  readonly name: string;
  /** The security group EKS creates for the control plane and managed nodes. */
  readonly clusterSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const publicCidrs = props.publicAccessCidrs ?? [];
    this.validate(props.subnetIds, publicCidrs);
    const role = new IamRole(this, 'role', {
      name: `${props.name}-eks-cluster`,
      assumeRolePolicy: policyDocument([{ principals: { Service: 'eks.amazonaws.com' }, actions: ['sts:AssumeRole', 'sts:TagSession'] }]),
    });
    const attachment = new IamRolePolicyAttachment(this, 'cluster-policy', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy' });
    // EKS uses the secrets key as the cluster role; the key policy delegates to IAM, so the role says so.
    const keyAccess = new IamRolePolicy(this, 'secrets-key-access', {
      name: 'encrypt-secrets',
      role: role.id,
      policy: policyDocument([{ actions: SECRETS_KEY_ACTIONS, resources: [props.secretsKeyArn] }]),
    });
    // Created before the cluster so EKS writes into a group with a retention, not a forever one.
    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/eks/${props.name}/cluster`,
      retentionInDays: props.logRetentionDays ?? DEFAULT_CONTROL_PLANE_LOG_RETENTION_DAYS,
    });
    this.cluster = new EksClusterResource(this, 'cluster', {
      name: props.name,
      version: props.kubernetesVersion ?? KUBERNETES_VERSION,
      roleArn: role.arn,
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      // The managed add-ons replace the self-managed vpc-cni, coredns and kube-proxy.
      bootstrapSelfManagedAddons: false,
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: props.secretsKeyArn } },
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        ...(publicCidrs.length > 0 ? { publicAccessCidrs: [...publicCidrs] } : {}),
      },
      // STANDARD: a version past standard support is upgraded, not silently billed as extended support.
      upgradePolicy: { supportType: 'STANDARD' },
      ...(props.remoteNetworks ? { remoteNetworkConfig: remoteNetworkConfig(props.remoteNetworks) } : {}),
      ...(props.serviceIpv4Cidr ? { kubernetesNetworkConfig: { serviceIpv4Cidr: props.serviceIpv4Cidr } } : {}),
      dependsOn: [attachment, keyAccess, logGroup],
      lifecycle: clusterLifecycle(props),
    });
    this.name = this.cluster.name;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
  }

  private validate(subnetIds: readonly string[], publicCidrs: readonly string[]): void {
    if (!Token.isUnresolved(subnetIds) && subnetIds.length < 2) {
      throw new ComputeError(this.node.path, `subnetIds must list subnets in at least two zones (EKS requires it), got ${subnetIds.length}`);
    }
    const open = publicCidrs.find((cidr) => !Token.isUnresolved(cidr) && cidr.endsWith('/0'));
    if (open) {
      throw new ComputeError(this.node.path, `publicAccessCidrs must not contain ${open}: list the networks that may reach the API`);
    }
  }
}

/** prevent_destroy in prod; remote networks left alone when preserved and not given. */
function clusterLifecycle(props: EksClusterProps) {
  const preserve = (props.preserveRemoteNetworks ?? false) && !props.remoteNetworks;
  if (!props.preventDestroy && !preserve) return undefined;
  return { ...(props.preventDestroy ? { preventDestroy: true } : {}), ...(preserve ? { ignoreChanges: ['remote_network_config'] } : {}) };
}

function remoteNetworkConfig(networks: RemoteNetworks) {
  return {
    remoteNodeNetworks: { cidrs: [...networks.nodeCidrs] },
    ...(networks.podCidrs && networks.podCidrs.length > 0 ? { remotePodNetworks: { cidrs: [...networks.podCidrs] } } : {}),
  };
}
