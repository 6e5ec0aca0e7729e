import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { configureStateBackend, localStatePath } from '../../stacks/state-backend';
import { needsWith } from '../support/needs-fixtures';
import { synthStack } from '../support/synth-json';

describe('configureStateBackend', () => {
  test('GIVEN state.bucket THEN the S3 backend with encrypt, use_lockfile and key <name>/<stack>.tfstate', () => {
    const stack = new TerraformStack(new App(), 'acme-ml-network');
    configureStateBackend(stack, needsWith({ state: { bucket: 'acme-tfstate', region: 'eu-west-1' } }));
    expect(synthStack(stack).terraform?.backend).toEqual({
      s3: { bucket: 'acme-tfstate', key: 'acme-ml/acme-ml-network.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true },
    });
  });

  test('GIVEN no state THEN a local backend at a machine-independent relative path', () => {
    const stack = new TerraformStack(new App(), 'acme-ml-network');
    configureStateBackend(stack, needsWith());
    expect(synthStack(stack).terraform?.backend).toEqual({ local: { path: '../../../terraform.acme-ml-network.tfstate' } });
    expect(localStatePath('x')).not.toMatch(/^\//);
  });

  test('a consuming stack reads the producer state with use_lockfile too', () => {
    const app = Testing.app();
    const needs = needsWith({ state: { bucket: 'acme-tfstate' } });
    const producer = new TerraformStack(app, 'acme-ml-network');
    configureStateBackend(producer, needs);
    new AwsProvider(producer, 'aws', { region: 'us-east-1' });
    const vpc = new Vpc(producer, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const consumer = new TerraformStack(app, 'acme-ml-gpu-cluster');
    configureStateBackend(consumer, needs);
    new AwsProvider(consumer, 'aws', { region: 'us-east-1' });
    new TerraformOutput(consumer, 'copy', { value: vpc.id });
    app.synth();
    const written = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'acme-ml-gpu-cluster', 'cdk.tf.json'), 'utf8'));
    const remote = Object.values(written.data?.terraform_remote_state ?? {});
    expect(remote).toEqual([
      expect.objectContaining({
        backend: 's3',
        config: expect.objectContaining({ bucket: 'acme-tfstate', key: 'acme-ml/acme-ml-network.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true }),
      }),
    ]);
  });
});
