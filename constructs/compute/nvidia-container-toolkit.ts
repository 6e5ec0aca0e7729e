/**
 * The NVIDIA container toolkit settings every tracklayer GPU node boots with, so a pod gets
 * exactly the GPUs the device plugin allocated to it and no others.
 *
 * The hole: by default the toolkit honors `NVIDIA_VISIBLE_DEVICES` from any container
 * (`accept-nvidia-visible-devices-envvar-when-unprivileged = true`, the commented default in
 * NVIDIA/nvidia-container-toolkit api/config/v1/toml.go). A pod that sets the variable to `all`
 * and requests no `nvidia.com/gpu` sees every GPU of the node, outside the namespace's GPU
 * quota and on top of the GPUs other pods were allocated.
 *
 * The fix has two halves that only work together:
 * 1. node: `accept-nvidia-visible-devices-envvar-when-unprivileged = false` and
 *    `accept-nvidia-visible-devices-as-volume-mounts = true` in
 *    /etc/nvidia-container-runtime/config.toml (top-level keys; `Config` in
 *    api/config/v1/config.go). The toolkit then takes a container's GPUs from the
 *    /var/run/nvidia-container-devices mounts the kubelet adds for allocated devices, and reads
 *    the variable only from privileged containers (CAP_SYS_ADMIN in the bounding set:
 *    internal/config/image/privileged.go), such as the device plugin and the DCGM exporter.
 * 2. device plugin: `deviceListStrategy: volume-mounts` (../platform/nvidia-device-plugin).
 *
 * Runtime path on EKS: this script is a `text/x-shellscript` part of the launch template's
 * MIME user data. EKS merges it with its own NodeConfig part; on AL2023 cloud-init runs it in
 * cloud-final, and `nodeadm-run.service` (which starts containerd and the kubelet) is ordered
 * After=cloud-final.service (awslabs/amazon-eks-ami templates/al2023/runtime/rootfs/etc/systemd/
 * system/nodeadm-run.service), so no container starts before the file is written. `nvidia-ctk`
 * comes with the toolkit the AL2023 NVIDIA AMI installs (templates/al2023/provisioners/
 * install-nvidia-driver.sh). The AMI's own default changed between releases (`true` up to
 * v20260403, `false` from v20260423: awslabs/amazon-eks-ami#2706), so the script sets both keys
 * explicitly instead of trusting whichever AMI EKS picks, and fails the boot script when the file
 * does not say what it should. Bottlerocket already defaults to both values
 * (settings.nvidia-container-runtime.*, bottlerocket-os/bottlerocket#3718).
 *
 * On-prem and edge clusters are not booted by tracklayer: README "GPU quota enforcement" gives
 * the same two settings for those nodes (`nvidia-ctk config`, GPU Operator toolkit env, k3s).
 */

/** Where the toolkit reads its configuration. */
export const NVIDIA_TOOLKIT_CONFIG_PATH = '/etc/nvidia-container-runtime/config.toml';

/** The settings, by their key in config.toml. */
export const NVIDIA_TOOLKIT_SETTINGS: Readonly<Record<string, boolean>> = Object.freeze({
  'accept-nvidia-visible-devices-envvar-when-unprivileged': false,
  'accept-nvidia-visible-devices-as-volume-mounts': true,
});

/**
 * The boot script that writes {@link NVIDIA_TOOLKIT_SETTINGS} with `nvidia-ctk config --in-place`
 * (cmd/nvidia-ctk/config/config.go: `--config-file`, `--set key=value`, `--in-place`) and checks
 * the result, so a node whose toolkit cannot be configured fails its boot script loudly.
 */
export function nvidiaToolkitScript(): string {
  const entries = Object.entries(NVIDIA_TOOLKIT_SETTINGS);
  const sets = entries.map(([key, value]) => `  --set ${key}=${value}`).join(' \\\n');
  const checks = entries.map(([key, value]) => `grep -Eq '^${key} *= *${value}$' ${NVIDIA_TOOLKIT_CONFIG_PATH}`).join('\n');
  return [
    '#!/bin/bash',
    '# tracklayer: GPUs only through the device plugin (README "GPU quota enforcement").',
    'set -euo pipefail',
    `nvidia-ctk config --in-place --config-file ${NVIDIA_TOOLKIT_CONFIG_PATH} \\`,
    sets,
    checks,
    '',
  ].join('\n');
}
