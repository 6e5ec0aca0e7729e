/**
 * The upstream Helm charts of the GPU platform, each pinned to an exact chart version, with
 * where its chart and default values live. The charts bring their images pinned (the chart's
 * appVersion or a tag in its values.yaml), so a chart version fixes every image too.
 *
 * Read from the upstream repositories and their published chart indexes:
 *
 * | chart                     | version | app / image                                  | published (index `created`) |
 * |---------------------------|---------|----------------------------------------------|-----------------------------|
 * | nvidia-device-plugin      | 0.20.0  | nvcr.io/nvidia/k8s-device-plugin:v0.20.0     | 2026-08-20                  |
 * | dcgm-exporter             | 4.8.2   | nvcr.io/nvidia/k8s/dcgm-exporter:4.5.3-4.8.2-distroless | 2026-05-05       |
 * | aws-efa-k8s-device-plugin | v0.5.30 | eks/aws-efa-k8s-device-plugin:v0.5.20        | 2026-08-03                  |
 * | neuron-helm-chart         | 1.9.0   | public.ecr.aws/neuron/neuron-device-plugin:2.31.0.0 | (OCI registry, no index) |
 *
 * None of the four ships a values.schema.json at these versions (NVIDIA/k8s-device-plugin
 * v0.20.0 deployments/helm/nvidia-device-plugin, NVIDIA/dcgm-exporter 4.5.3-4.8.2 deployment/,
 * aws/eks-charts stable/aws-efa-k8s-device-plugin, aws-neuron/neuron-helm-charts
 * charts/neuron-helm-chart list no such file), so Helm validates nothing about values; each
 * component file types the values it sets instead (`…Values` interfaces, named after the
 * chart's values.yaml keys).
 *
 * The RDMA shared device plugin has no upstream chart (Mellanox/k8s-rdma-shared-dev-plugin
 * ships kustomize manifests only); see ./rdma-shared-device-plugin for why it stays a typed
 * DaemonSet rather than the NVIDIA Network Operator chart.
 */
import type { UpstreamChart } from '../helm/upstream-chart';

/** The pinned charts, by component. */
export const PLATFORM_CHARTS = Object.freeze({
  nvidiaDevicePlugin: {
    repository: 'https://nvidia.github.io/k8s-device-plugin',
    chart: 'nvidia-device-plugin',
    version: '0.20.0',
    source:
      'https://github.com/NVIDIA/k8s-device-plugin/tree/v0.20.0/deployments/helm/nvidia-device-plugin (values.yaml, templates/daemonset-device-plugin.yml, templates/_helpers.tpl); index https://nvidia.github.io/k8s-device-plugin/index.yaml, digest 9e5642bcdd3805c6e931f9d3ca542677d1f714d68c14c1364892011e67d9a606',
  },
  dcgmExporter: {
    repository: 'https://nvidia.github.io/dcgm-exporter/helm-charts',
    chart: 'dcgm-exporter',
    version: '4.8.2',
    source:
      'https://github.com/NVIDIA/dcgm-exporter/tree/4.5.3-4.8.2/deployment (values.yaml, templates/daemonset.yaml); index https://nvidia.github.io/dcgm-exporter/helm-charts/index.yaml, digest 1c5535c03ebab3f021444df6016fce1cd7871385122e115c6ed24c804b623803',
  },
  efaDevicePlugin: {
    repository: 'https://aws.github.io/eks-charts',
    chart: 'aws-efa-k8s-device-plugin',
    version: 'v0.5.30',
    source:
      'https://github.com/aws/eks-charts/tree/master/stable/aws-efa-k8s-device-plugin at 5239609 (values.yaml, templates/daemonset.yaml); index https://aws.github.io/eks-charts/index.yaml, digest 078610ef669714f39be77d133674c7721fb3ca123213b3d6b16938c8c0d2e034',
  },
  neuron: {
    repository: 'oci://public.ecr.aws/neuron',
    chart: 'neuron-helm-chart',
    version: '1.9.0',
    source:
      'https://github.com/aws-neuron/neuron-helm-charts/tree/b77a6f90bb00dc0ee57d21e35e275b05e26b79c1/charts/neuron-helm-chart (Chart.yaml version 1.9.0; values.yaml; templates/device-plugin/device-plugin-daemonset.yaml); published to https://gallery.ecr.aws/neuron/neuron-helm-chart',
  },
} satisfies Record<string, UpstreamChart>);

/** A chart of the platform. */
export type PlatformChartId = keyof typeof PLATFORM_CHARTS;
