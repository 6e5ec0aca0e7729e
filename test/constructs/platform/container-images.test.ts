import { EKS_ADDON_REGISTRY, PLATFORM_IMAGES, imageReference, type ContainerImage } from '../../../constructs/platform/container-images';

describe('PLATFORM_IMAGES', () => {
  test.each(Object.entries(PLATFORM_IMAGES))('GIVEN %s THEN it is pinned to a release tag that is not latest, with a source', (_name, image: ContainerImage) => {
    expect(image.tag).toMatch(/^[\w][\w.-]{0,127}$/);
    expect(image.tag.toLowerCase()).not.toBe('latest');
    expect(image.tag).toMatch(/\d/); // a version, not a moving name such as "stable"
    expect(image.repository).not.toContain(':');
    expect(image.source).toMatch(/\S{10,}/);
  });

  test('every component has an image (a new component cannot ship without an entry)', () => {
    expect(Object.keys(PLATFORM_IMAGES).sort()).toEqual(['dcgmExporter', 'efaDevicePlugin', 'neuronDevicePlugin', 'nvidiaDevicePlugin', 'rdmaSharedDevicePlugin']);
  });
});

describe('imageReference', () => {
  test('GIVEN a public image THEN registry/repository:tag', () => {
    expect(imageReference(PLATFORM_IMAGES.nvidiaDevicePlugin)).toBe('nvcr.io/nvidia/k8s-device-plugin:v0.20.1');
    expect(imageReference(PLATFORM_IMAGES.dcgmExporter)).toBe('nvcr.io/nvidia/k8s/dcgm-exporter:4.6.1-4.8.4-distroless');
    expect(imageReference(PLATFORM_IMAGES.neuronDevicePlugin)).toBe('public.ecr.aws/neuron/neuron-device-plugin:2.32.0.0');
    expect(imageReference(PLATFORM_IMAGES.rdmaSharedDevicePlugin)).toBe('ghcr.io/mellanox/k8s-rdma-shared-dev-plugin:v1.5.4');
  });

  test('GIVEN the EFA image and a region THEN the regional EKS add-on registry', () => {
    expect(PLATFORM_IMAGES.efaDevicePlugin.registry).toBe(EKS_ADDON_REGISTRY);
    expect(imageReference(PLATFORM_IMAGES.efaDevicePlugin, 'eu-south-1')).toBe('590381155156.dkr.ecr.eu-south-1.amazonaws.com/eks/aws-efa-k8s-device-plugin:v0.5.20');
  });

  test('throws for the EFA image without a region', () => {
    expect(() => imageReference(PLATFORM_IMAGES.efaDevicePlugin)).toThrow("imageReference: eks/aws-efa-k8s-device-plugin is published to the regional EKS add-on registry; pass the cluster's AWS region");
  });
});
