/**
 * The Kubernetes layer that turns a cluster with accelerators into a GPU platform, the same
 * construct for the EKS cluster, an on-prem cluster and an edge site: tenancy (namespaces,
 * Pod Security, quotas, container defaults, service accounts), scheduling priorities, the
 * device plugins the hardware needs, and GPU metrics. Props say what the cluster has; the
 * profile functions in ./platform-profile derive them from the needs.
 *
 * | component                      | when                               | how                          | file                         |
 * |--------------------------------|------------------------------------|------------------------------|------------------------------|
 * | namespaces, quotas, accounts   | always                             | typed resources              | workload-tenancy.ts          |
 * | priority classes               | always                             | typed resources              | scheduling-priorities.ts     |
 * | NVIDIA device plugin           | nvidia                             | NVIDIA chart                 | nvidia-device-plugin.ts      |
 * | DCGM exporter                  | dcgmExporter (nvidia, not jetson, not where one runs) | NVIDIA chart | dcgm-exporter.ts          |
 * | RuntimeClass `nvidia`          | jetson                             | typed resource               | jetson-runtime.ts            |
 * | Neuron device plugin           | neuron (eks)                       | aws-neuron chart             | neuron-device-plugin.ts      |
 * | EFA device plugin              | efa (eks)                          | aws/eks-charts chart         | efa-device-plugin.ts         |
 * | RDMA shared device plugin      | rdma (onprem)                      | typed copy of upstream manifest | rdma-shared-device-plugin.ts |
 *
 * Charts: ./platform-charts (pinned versions). Node selection: ./node-placement, in chart values
 * through ./node-agent-values. The providers (which cluster, which credentials) are the stack's
 * business. More charts (an autoscaler, a queue) go into the system namespace the same way:
 * a HelmChart with `dependsOn: platform.systemDependencies`.
 */
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { HelmChart } from '../helm/helm-chart';
import { DcgmExporter } from './dcgm-exporter';
import { EfaDevicePlugin } from './efa-device-plugin';
import { JetsonRuntime } from './jetson-runtime';
import { NeuronDevicePlugin } from './neuron-device-plugin';
import { NEURON_RESOURCE, NVIDIA_GPU_RESOURCE, type DeviceResource, type PlatformTarget } from './node-placement';
import { NvidiaDevicePlugin } from './nvidia-device-plugin';
import type { PlatformChartId } from './platform-charts';
import { PlatformError } from './platform-error';
import { RdmaSharedDevicePlugin } from './rdma-shared-device-plugin';
import { SchedulingPriorities } from './scheduling-priorities';
import { SYSTEM_NAMESPACE, WorkloadTenancy, type WorkloadNodeShapes, type WorkloadQuotas } from './workload-tenancy';

/** Props of {@link GpuPlatform}: what the cluster has. */
export interface GpuPlatformProps {
  /** Where the cluster is: our EKS cluster, an on-prem cluster, or an edge site's cluster. */
  readonly target: PlatformTarget;
  /** Some nodes have NVIDIA GPUs: the NVIDIA device plugin. @default false */
  readonly nvidia?: boolean;
  /**
   * Run NVIDIA's DCGM exporter on the NVIDIA GPU nodes. Exactly one exporter may run per GPU
   * node (./dcgm-exporter), so false where another one already does: on EKS, the
   * amazon-cloudwatch-observability add-on's.
   * @default - nvidia and not jetson
   */
  readonly dcgmExporter?: boolean;
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
  /** The nodes each workload namespace runs on, for its container defaults and maxima. @default - unknown: no default limits, no maxima */
  readonly nodeShapes?: WorkloadNodeShapes;
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
  /** The upstream chart releases this cluster runs, by chart. */
  readonly charts: Readonly<Partial<Record<PlatformChartId, HelmChart>>>;
  /** The RDMA shared device plugin (typed: upstream ships no chart), when the cluster has a fabric. */
  readonly rdmaSharedDevicePlugin?: RdmaSharedDevicePlugin;
  /** What a release in the system namespace waits for: the namespace. */
  readonly systemDependencies: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: GpuPlatformProps) {
    super(scope, id);
    this.validate(props);
    const nvidia = props.nvidia ?? false;
    const jetson = props.jetson ?? false;
    this.deviceResources = [...(nvidia ? [NVIDIA_GPU_RESOURCE] : []), ...(props.neuron ? [NEURON_RESOURCE] : [])];
    this.tenancy = new WorkloadTenancy(this, 'tenancy', { deviceResources: this.deviceResources, quotas: props.quotas, nodeShapes: props.nodeShapes, teams: props.teams });
    this.priorities = new SchedulingPriorities(this, 'priorities');
    this.systemDependencies = [this.tenancy.namespaces[SYSTEM_NAMESPACE]];
    const system = { namespace: SYSTEM_NAMESPACE, dependsOn: [...this.systemDependencies] };
    const charts: Partial<Record<PlatformChartId, HelmChart>> = {};
    if (nvidia) {
      const runtime = jetson ? new JetsonRuntime(this, 'jetson-runtime', { manage: props.manageJetsonRuntimeClass }) : undefined;
      const dependsOn = runtime?.runtimeClass ? [...system.dependsOn, runtime.runtimeClass] : system.dependsOn;
      charts.nvidiaDevicePlugin = new NvidiaDevicePlugin(this, 'nvidia-device-plugin', { ...system, dependsOn, target: props.target, jetson }).chart;
    }
    if (props.dcgmExporter ?? (nvidia && !jetson)) charts.dcgmExporter = new DcgmExporter(this, 'dcgm-exporter', { ...system, target: props.target }).chart;
    if (props.neuron) charts.neuron = new NeuronDevicePlugin(this, 'neuron-device-plugin', system).chart;
    if (props.efa && props.region !== undefined) charts.efaDevicePlugin = new EfaDevicePlugin(this, 'efa-device-plugin', { ...system, region: props.region }).chart;
    if (props.rdma) this.rdmaSharedDevicePlugin = new RdmaSharedDevicePlugin(this, 'rdma-shared-device-plugin', system);
    this.charts = charts;
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
    if (props.dcgmExporter && !props.nvidia) fail('dcgmExporter is true but nvidia is false; DCGM exports NVIDIA GPU metrics, so set nvidia or drop dcgmExporter');
    if (props.dcgmExporter && props.jetson) fail('dcgmExporter is true on a Jetson site; DCGM supports data-center GPUs only, not the integrated Tegra GPU, so drop dcgmExporter');
  }
}
