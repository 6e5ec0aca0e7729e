/**
 * The inference server edge sites run: NVIDIA Triton Inference Server, pinned by tag. Jetson
 * (arm64, integrated GPU) uses Triton's iGPU build of the same release; x86 sites use the
 * standard build, which also serves on CPU when no GPU is present.
 * Tags: https://catalog.ngc.nvidia.com/orgs/nvidia/containers/tritonserver (release 25.10).
 */
import type { EdgeHardware } from '../../catalog/edge-hardware';

/** The Triton release every site runs; raise it for all sites at once. */
export const TRITON_RELEASE = '25.10';

/** Triton's ports: HTTP/REST, gRPC, and Prometheus metrics. */
export const TRITON_PORTS = { http: 8000, grpc: 8001, metrics: 8002 } as const;

/** The pinned Triton image for a site's hardware. */
export function tritonImage(hardware: EdgeHardware): string {
  const build = hardware === 'jetson-orin' ? 'py3-igpu' : 'py3';
  return `nvcr.io/nvidia/tritonserver:${TRITON_RELEASE}-${build}`;
}
