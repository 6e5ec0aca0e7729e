/**
 * Every container image the GPU platform runs, pinned to a release tag, with where the tag
 * came from. Never `latest` and never untagged: a node that pulls later must run what was
 * reviewed (test/constructs/platform/container-images.test.ts checks every entry).
 *
 * | image                      | tag             | source (as of 2026-11)                                                               |
 * |----------------------------|-----------------|--------------------------------------------------------------------------------------|
 * | NVIDIA k8s-device-plugin   | v0.20.1         | NVIDIA GPU Operator v26.7.1 operand; latest release of NVIDIA/k8s-device-plugin     |
 * | NVIDIA DCGM exporter       | 4.6.1-4.8.4-... | NVIDIA/dcgm-exporter deployment/examples/dcgm-exporter.yaml; GPU Operator v26.7.1   |
 * | AWS EFA device plugin      | v0.5.20         | aws/eks-charts stable/aws-efa-k8s-device-plugin appVersion                          |
 * | AWS Neuron device plugin   | 2.32.0.0        | aws-neuron/neuron-helm-charts neuron-helm-chart 1.10.0 `devicePlugin.image.tag`     |
 * | k8s-rdma-shared-dev-plugin | v1.5.4          | Mellanox/k8s-rdma-shared-dev-plugin release on ghcr.io                              |
 *
 * The DCGM tag encodes `<DCGM version>-<exporter version>-<variant>`; the distroless variant
 * has no shell or package manager to exploit. The EFA image lives in the regional EKS add-on
 * registry ({@link eksAddonRegistry}), so its registry is resolved per region.
 */
import { eksAddonRegistry } from './eks-addon-registry';
import { PlatformError } from './platform-error';

/** Marks an image published to the regional EKS add-on registry of the cluster's region. */
export const EKS_ADDON_REGISTRY = 'eks-addon-registry';

/** A container image pinned to a tag. */
export interface ContainerImage {
  /** Registry host (`nvcr.io`), or {@link EKS_ADDON_REGISTRY} for the regional EKS registry. */
  readonly registry: string;
  /** Repository path in the registry. */
  readonly repository: string;
  /** The release tag; never `latest`. */
  readonly tag: string;
  /** Where the tag was read, for the next person who bumps it. */
  readonly source: string;
}

/** The images of the platform, by component. */
export const PLATFORM_IMAGES = Object.freeze({
  nvidiaDevicePlugin: {
    registry: 'nvcr.io',
    repository: 'nvidia/k8s-device-plugin',
    tag: 'v0.20.1',
    source: 'https://github.com/NVIDIA/k8s-device-plugin/releases (v0.20.1; the GPU Operator v26.7.1 operand)',
  },
  dcgmExporter: {
    registry: 'nvcr.io',
    repository: 'nvidia/k8s/dcgm-exporter',
    tag: '4.6.1-4.8.4-distroless',
    source: 'https://github.com/NVIDIA/dcgm-exporter/blob/main/deployment/examples/dcgm-exporter.yaml',
  },
  efaDevicePlugin: {
    registry: EKS_ADDON_REGISTRY,
    repository: 'eks/aws-efa-k8s-device-plugin',
    tag: 'v0.5.20',
    source: 'https://github.com/aws/eks-charts/blob/master/stable/aws-efa-k8s-device-plugin/Chart.yaml (appVersion)',
  },
  neuronDevicePlugin: {
    registry: 'public.ecr.aws',
    repository: 'neuron/neuron-device-plugin',
    tag: '2.32.0.0',
    source: 'oci://public.ecr.aws/neuron/neuron-helm-chart 1.10.0, values devicePlugin.image.tag',
  },
  rdmaSharedDevicePlugin: {
    registry: 'ghcr.io',
    repository: 'mellanox/k8s-rdma-shared-dev-plugin',
    tag: 'v1.5.4',
    source: 'https://github.com/Mellanox/k8s-rdma-shared-dev-plugin/releases (v1.5.4)',
  },
} satisfies Record<string, ContainerImage>);

/** A component of the platform that runs an image. */
export type PlatformComponent = keyof typeof PLATFORM_IMAGES;

/**
 * `registry/repository:tag`. `region` is needed for images in {@link EKS_ADDON_REGISTRY}.
 * @throws PlatformError when the image is in the EKS registry and no region is given.
 */
export function imageReference(image: ContainerImage, region?: string): string {
  if (image.registry !== EKS_ADDON_REGISTRY) return `${image.registry}/${image.repository}:${image.tag}`;
  if (region === undefined) {
    throw new PlatformError('imageReference', `${image.repository} is published to the regional EKS add-on registry; pass the cluster's AWS region`);
  }
  return `${eksAddonRegistry(region)}/${image.repository}:${image.tag}`;
}
