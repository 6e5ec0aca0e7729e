import { acceleratorBootScripts } from '../../../constructs/compute/accelerator-node-config';
import { GpuNodeGroup, type GpuNodeGroupProps } from '../../../constructs/compute/gpu-node-group';
import { NVIDIA_TOOLKIT_CONFIG_PATH, NVIDIA_TOOLKIT_SETTINGS, nvidiaToolkitScript } from '../../../constructs/compute/nvidia-container-toolkit';
import { USER_DATA_BOUNDARY } from '../../../constructs/compute/node-user-data';
import { resourcesOf, synthConstruct } from '../../support/synth-json';
import { instance } from './catalog-instance';

const group = (name: string): GpuNodeGroupProps => ({
  clusterName: 'acme-ml',
  name: 'acme-ml-train',
  nodeRoleArn: 'arn:aws:iam::111122223333:role/acme-ml-gpu-nodes',
  subnetIds: ['subnet-a'],
  instance: instance(name),
  minSize: 0,
  maxSize: 2,
  workload: 'training',
});
/** The decoded user data of the group's launch template, or undefined. */
function userData(props: GpuNodeGroupProps): string | undefined {
  const [template] = resourcesOf(
    synthConstruct((scope) => new GpuNodeGroup(scope, 'group', props)),
    'aws_launch_template',
  );
  const encoded = template.user_data as string | undefined;
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

describe('NVIDIA container toolkit settings (the GPU quota bypass, node half)', () => {
  test('the two settings that keep NVIDIA_VISIBLE_DEVICES from unprivileged pods, by their config.toml keys', () => {
    expect(NVIDIA_TOOLKIT_SETTINGS).toEqual({
      'accept-nvidia-visible-devices-envvar-when-unprivileged': false,
      'accept-nvidia-visible-devices-as-volume-mounts': true,
    });
    expect(NVIDIA_TOOLKIT_CONFIG_PATH).toBe('/etc/nvidia-container-runtime/config.toml');
  });

  test('the boot script sets both keys with nvidia-ctk in place, then fails unless the file says so', () => {
    const script = nvidiaToolkitScript();
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain('nvidia-ctk config --in-place --config-file /etc/nvidia-container-runtime/config.toml');
    expect(script).toContain('--set accept-nvidia-visible-devices-envvar-when-unprivileged=false');
    expect(script).toContain('--set accept-nvidia-visible-devices-as-volume-mounts=true');
    expect(script).toContain("grep -Eq '^accept-nvidia-visible-devices-envvar-when-unprivileged *= *false$' /etc/nvidia-container-runtime/config.toml");
  });

  test('GIVEN an NVIDIA GPU group (p5, g6) THEN its launch template carries the script as a MIME shell-script part EKS merges', () => {
    for (const name of ['p5.48xlarge', 'g6.xlarge']) {
      const data = userData(group(name));
      expect(data).toBeDefined();
      expect(data).toContain(`Content-Type: multipart/mixed; boundary="${USER_DATA_BOUNDARY}"`);
      expect(data).toContain('Content-Type: text/x-shellscript; charset="us-ascii"');
      expect(data).toContain(nvidiaToolkitScript().trimEnd());
      expect(data!.trimEnd().endsWith(`--${USER_DATA_BOUNDARY}--`)).toBe(true);
    }
  });

  test('GIVEN a Trainium group THEN no user data (no NVIDIA toolkit on the Neuron AMI)', () => {
    expect(acceleratorBootScripts(instance('trn1.32xlarge'))).toEqual([]);
    expect(userData(group('trn1.32xlarge'))).toBeUndefined();
  });

  test('the user data is deterministic: the same group gives the same bytes', () => {
    expect(userData(group('p5.48xlarge'))).toBe(userData(group('p5.48xlarge')));
  });
});
