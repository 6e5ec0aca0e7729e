/**
 * The system node group: small on-demand general-purpose nodes across every zone for what
 * must run even when every GPU group is scaled to zero (CoreDNS, add-on controllers).
 * Same launch-template hardening as the GPU groups (IMDSv2, encrypted gp3, no public IP).
 */
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { WORKLOAD_LABEL } from './accelerator-node-config';
import { ComputeError } from './compute-error';
import { DESIRED_SIZE_PATH, MAX_UNAVAILABLE_DURING_UPDATE } from './gpu-node-group';
import { NodeLaunchTemplate } from './node-launch-template';

/** Instance type of system nodes: 2 vCPU / 8 GiB covers CoreDNS and the add-on controllers. */
export const DEFAULT_SYSTEM_INSTANCE_TYPE = 'm7i.large';
/** Root volume of system nodes: no large images here. */
export const SYSTEM_ROOT_VOLUME_GIB = 50;
/** The EKS-optimized AL2023 AMI without accelerator drivers. */
export const SYSTEM_AMI_TYPE = 'AL2023_x86_64_STANDARD';

/** Props of {@link SystemNodeGroup}. */
export interface SystemNodeGroupProps {
  /** Name of the EKS cluster. */
  readonly clusterName: string;
  /** Node group and launch template name. */
  readonly name: string;
  /** ARN of the node role. */
  readonly nodeRoleArn: string;
  /** Private subnets, one per zone: system nodes spread over all of them. */
  readonly subnetIds: readonly string[];
  /** Fewest nodes (two keep CoreDNS up through a node replacement). */
  readonly minSize: number;
  /** Most nodes. */
  readonly maxSize: number;
  /** Instance type. @default DEFAULT_SYSTEM_INSTANCE_TYPE */
  readonly instanceType?: string;
  /** What the node group waits for (the node role's policy attachments). @default - nothing */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** An on-demand node group for cluster services. */
export class SystemNodeGroup extends Construct {
  /** The node group. */
  readonly nodeGroup: EksNodeGroup;

  constructor(scope: Construct, id: string, props: SystemNodeGroupProps) {
    super(scope, id);
    if (props.minSize < 1 || props.maxSize < props.minSize) {
      throw new ComputeError(this.node.path, `sizes must satisfy 1 <= minSize <= maxSize (the system group always runs), got minSize ${props.minSize}, maxSize ${props.maxSize}`);
    }
    const instanceType = props.instanceType ?? DEFAULT_SYSTEM_INSTANCE_TYPE;
    const launchTemplate = new NodeLaunchTemplate(this, 'launch-template', {
      name: props.name,
      instance: { name: instanceType, efaInterfaces: 0 },
      rootVolumeSizeGiB: SYSTEM_ROOT_VOLUME_GIB,
    });
    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupName: props.name,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [...props.subnetIds],
      instanceTypes: [instanceType],
      amiType: SYSTEM_AMI_TYPE,
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: props.minSize, maxSize: props.maxSize, desiredSize: props.minSize },
      updateConfig: { maxUnavailable: MAX_UNAVAILABLE_DURING_UPDATE },
      launchTemplate: { id: launchTemplate.launchTemplateId, version: launchTemplate.latestVersion },
      labels: { [WORKLOAD_LABEL]: 'system' },
      lifecycle: { ignoreChanges: [DESIRED_SIZE_PATH] },
      ...(props.dependsOn ? { dependsOn: [...props.dependsOn] } : {}),
    });
  }
}
