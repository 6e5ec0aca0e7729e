/**
 * What pods can use of an EKS node: its capacity less what the kubelet reserves. The reservation
 * is the EKS AL2023 AMI's own formula (awslabs/amazon-eks-ami, nodeadm/internal/kubelet/config.go,
 * `getCPUMillicoresToReserve` and `getMemoryMebibytesToReserve`), plus the kubelet's hard
 * eviction threshold for memory (`memory.available<100Mi`, same file):
 * - CPU: 6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25% of the rest.
 * - memory: 11 MiB per pod the node may run + 255 MiB.
 * Max pods: nodeadm derives it from the instance's ENIs; without that table this uses the upper
 * figure EKS managed node groups cap it at (110 below 30 vCPUs, 250 from 30 up), which reserves
 * the most memory and so never overstates what pods get.
 */
import { GIB, MIB } from './quantities';

/** The kubelet's hard eviction threshold for memory on EKS AMIs. */
const EVICTION_MEMORY_BYTES = 100 * MIB;

/** Millicores nodeadm reserves on a node of `vcpus` cores. */
export function reservedCpuMillis(vcpus: number): number {
  const total = vcpus * 1000;
  const ranges: readonly (readonly [number, number, number])[] = [
    [0, 1000, 600],
    [1000, 2000, 100],
    [2000, 4000, 50],
    [4000, total, 25],
  ];
  return ranges.reduce((sum, [start, end, basisPoints]) => (total <= start ? sum : sum + Math.floor(((Math.min(total, end) - start) * basisPoints) / 10000)), 0);
}

/** Max pods assumed for a node of `vcpus` cores (see the file comment). */
export function assumedMaxPods(vcpus: number): number {
  return vcpus < 30 ? 110 : 250;
}

/** CPU (millicores) and memory (bytes) pods can request on a node of `vcpus` cores and `memoryGiB` memory. */
export function allocatable(vcpus: number, memoryGiB: number): { cpu: number; memory: number } {
  const reservedMemory = (11 * assumedMaxPods(vcpus) + 255) * MIB + EVICTION_MEMORY_BYTES;
  return { cpu: vcpus * 1000 - reservedCpuMillis(vcpus), memory: memoryGiB * GIB - reservedMemory };
}
