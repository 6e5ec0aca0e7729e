/**
 * The Kubernetes layer that turns a cluster with accelerators into a GPU platform, the same
 * construct for the EKS cluster, an on-prem cluster and an edge site: tenancy (namespaces,
 * Pod Security, quotas, defaults, service accounts), scheduling priorities, the device plugins
 * the hardware needs, and GPU metrics. Props say what the cluster has; the profile functions
 * in ./platform-profile derive them from the needs.
 *
 * | component                      | when                     | file                         |
 * |--------------------------------|--------------------------|------------------------------|
 * | namespaces, quotas, accounts   | always                   | workload-tenancy.ts          |
 * | priority classes               | always                   | scheduling-priorities.ts     |
 * | NVIDIA device plugin           | nvidia                   | nvidia-device-plugin.ts      |
 * | DCGM exporter and Service      | nvidia and not jetson    | dcgm-exporter.ts             |
 * | RuntimeClass `nvidia`          | jetson                   | jetson-runtime.ts            |
 * | Neuron device plugin           | neuron (eks)             | neuron-device-plugin.ts      |
 * | EFA device plugin              | efa (eks)                | efa-device-plugin.ts         |
 * | RDMA shared device plugin      | rdma (onprem)            | rdma-shared-device-plugin.ts |
 *
 * Images: ./container-images (pinned tags). Hardening: ./container-security. Node selection:
 * ./node-placement. The provider (which cluster, which credentials) is the stack's business.
 */
import { Construct } from 'constructs';
import type { PlatformComponent } from './container-images';
import { DcgmExporter } from './dcgm-exporter';
import { EfaDevicePlugin } from './efa-device-plugin';
import { JetsonRuntime } from './jetson-runtime';
import { NeuronDevicePlugin } from './neuron-device-plugin';
import { NEURON_RESOURCE, NVIDIA_GPU_RESOURCE, type DeviceResource, type PlatformTarget } from './node-placement';
import { NvidiaDevicePlugin } from './nvidia-device-plugin';
import { PlatformError } from './platform-error';
import type { PlatformDaemonSet } from './platform-daemon-set';
import { RdmaSharedDevicePlugin } from './rdma-shared-device-plugin';
import { SchedulingPriorities } from './scheduling-priorities';
import { SYSTEM_NAMESPACE, WorkloadTenancy, type WorkloadQuotas } from './workload-tenancy';

/** Props of {@link GpuPlatform}: what the cluster has. */
export interface GpuPlatformProps {
  /** Where the cluster is: our EKS cluster, an on-prem cluster, or an edge site's cluster. */
  readonly target: PlatformTarget;
  /** Some nodes have NVIDIA GPUs: the NVIDIA device plugin (and, but on Jetson, DCGM). @default false */
  readonly nvidia?: boolean;
  /** Some nodes have Trainium chips: the Neuron device plugin. EKS only. @default false */
  readonly neuron?: boolean;
  /** Some nodes have EFA interfaces: the EFA device plugin. EKS only; needs `region`. @default false */
  readonly efa?: boolean;
  /** The GPU nodes talk over InfiniBand or RoCE: the RDMA shared device plugin. On-prem only. @default false */
  readonly rdma?: boolean;
  /** The GPU nodes are Jetson modules (arm64, RuntimeClass `nvidia`, no DCGM). Edge only; needs `nvidia`. @default false */
  readonly jetson?: boolean;
  /** Create the RuntimeClass `nvidia` on a Jetson site; false where the distribution ships it. @default true */
  readonly manageJetsonRuntimeClass?: boolean;
  /** Accelerator chips each workload namespace may request. @default - none in either namespace */
  readonly quotas?: WorkloadQuotas;
  /** AWS region of the EKS cluster: the registry of the EFA device plugin image. @default - none (then `efa` must be false) */
  readonly region?: string;
  /** The training teams; each gets a namespace (./workload-tenancy). @default ['training'] */
  readonly teams?: readonly string[];
}

/** The GPU platform of one cluster. */
export class GpuPlatform extends Construct {
  /** The accelerator resources the cluster's device plugins advertise. */
  readonly deviceResources: readonly DeviceResource[];
  /** Namespaces, quotas, limit ranges and service accounts. */
  readonly tenancy: WorkloadTenancy;
  /** The priority classes. */
  readonly priorities: SchedulingPriorities;
  /** The node agent DaemonSets this cluster runs, by component. */
  readonly agents: Readonly<Partial<Record<PlatformComponent, PlatformDaemonSet>>>;

  constructor(scope: Construct, id: string, props: GpuPlatformProps) {
    super(scope, id);
    this.validate(props);
    const nvidia = props.nvidia ?? false;
    const jetson = props.jetson ?? false;
    this.deviceResources = [...(nvidia ? [NVIDIA_GPU_RESOURCE] : []), ...(props.neuron ? [NEURON_RESOURCE] : [])];
    this.tenancy = new WorkloadTenancy(this, 'tenancy', { deviceResources: this.deviceResources, quotas: props.quotas, teams: props.teams });
    this.priorities = new SchedulingPriorities(this, 'priorities');
    const system = { namespace: SYSTEM_NAMESPACE, dependsOn: [this.tenancy.namespaces[SYSTEM_NAMESPACE]] };
    const agents: Partial<Record<PlatformComponent, PlatformDaemonSet>> = {};
    if (nvidia) {
      const runtime = jetson ? new JetsonRuntime(this, 'jetson-runtime', { manage: props.manageJetsonRuntimeClass }) : undefined;
      const dependsOn = runtime?.runtimeClass ? [...system.dependsOn, runtime.runtimeClass] : system.dependsOn;
      agents.nvidiaDevicePlugin = new NvidiaDevicePlugin(this, 'nvidia-device-plugin', { ...system, dependsOn, target: props.target, jetson }).agent;
      // DCGM supports data-center GPUs only, not Jetson's integrated GPU (./dcgm-exporter).
      if (!jetson) agents.dcgmExporter = new DcgmExporter(this, 'dcgm-exporter', { ...system, target: props.target }).agent;
    }
    if (props.neuron) agents.neuronDevicePlugin = new NeuronDevicePlugin(this, 'neuron-device-plugin', system).agent;
    if (props.efa && props.region !== undefined) agents.efaDevicePlugin = new EfaDevicePlugin(this, 'efa-device-plugin', { ...system, region: props.region }).agent;
    if (props.rdma) agents.rdmaSharedDevicePlugin = new RdmaSharedDevicePlugin(this, 'rdma-shared-device-plugin', system).agent;
    this.agents = agents;
  }

  /** Hardware a target cannot have, and combinations that need another prop. */
  private validate(props: GpuPlatformProps): void {
    const fail = (message: string) => {
      throw new PlatformError(this.node.path, message);
    };
    const { target } = props;
    if (props.neuron && target !== 'eks') fail(`neuron is true for target ${target}; Trainium exists only in AWS, so neuron needs target eks`);
    if (props.efa && target !== 'eks') fail(`efa is true for target ${target}; EFA is the AWS fabric, so efa needs target eks (on-prem InfiniBand or RoCE is rdma)`);
    if (props.efa && props.region === undefined) fail('efa is true but region is not set; pass the EKS cluster\'s AWS region (the EFA device plugin image is regional)');
    if (props.rdma && target !== 'onprem') fail(`rdma is true for target ${target}; the RDMA shared device plugin is for on-prem InfiniBand or RoCE fabrics, so rdma needs target onprem`);
    if (props.rdma && !props.nvidia) fail('rdma is true but nvidia is false; the RDMA plugin runs on the NVIDIA GPU nodes, so set nvidia');
    if (props.jetson && target !== 'edge') fail(`jetson is true for target ${target}; Jetson modules are edge hardware, so jetson needs target edge`);
    if (props.jetson && !props.nvidia) fail('jetson is true but nvidia is false; a Jetson has an NVIDIA GPU, so set nvidia');
  }
}
