/**
 * Where each stack keeps its Terraform state (NEEDS-v1 `state`).
 *
 * - `state.bucket` given: the S3 backend, key `<name>/<stack>.tfstate`, `encrypt` on and
 *   S3-native locking (`use_lockfile`, Terraform >= 1.10; no DynamoDB table to manage).
 * - absent: local state files next to the output directory, at a path relative to the stack's
 *   working directory so the synthesized JSON is the same on every machine.
 */
import { LocalBackend, S3Backend, TerraformRemoteState, TerraformStack, type S3BackendConfig } from 'cdktf';
import type { Construct } from 'constructs';
import type { Needs } from '../needs/schema';

/**
 * S3Backend with `use_lockfile`. cdktf 0.21's S3BackendConfig lacks the setting, so it is added
 * to the backend block and to the `terraform_remote_state` lookups other stacks make of this
 * one, which copy the backend's configuration.
 */
export class LockingS3Backend extends S3Backend {
  constructor(
    scope: Construct,
    private readonly config: S3BackendConfig,
  ) {
    super(scope, config);
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { ...super.synthesizeAttributes(), use_lockfile: true };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    return { ...super.synthesizeHclAttributes(), use_lockfile: true };
  }

  getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new RemoteStateS3(scope, name, { ...this.config, useLockfile: true, workspace: '${terraform.workspace}' });
  }
}

/** A `terraform_remote_state` lookup of an S3 backend (the config is written as snake_case). */
class RemoteStateS3 extends TerraformRemoteState {
  constructor(scope: Construct, id: string, config: S3BackendConfig & { useLockfile: boolean; workspace: string }) {
    super(scope, id, 's3', config);
  }
}

/** The S3 key of a stack's state. */
export function stateKey(needs: Needs, stackName: string): string {
  return `${needs.name}/${stackName}.tfstate`;
}

/**
 * Local state path, relative to the stack's working directory `<out>/stacks/<stack>/`: the
 * directory that holds `<out>`, which for the default `cdktf.out` is the project root, where
 * cdktf itself keeps local state. Outside `<out>` so a new synth never deletes state.
 */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

/** Configures the backend of a stack from the needs. */
export function configureStateBackend(stack: TerraformStack, needs: Needs): void {
  const stackName = stack.node.id;
  if (needs.state) {
    new LockingS3Backend(stack, { bucket: needs.state.bucket, key: stateKey(needs, stackName), region: needs.state.region, encrypt: true });
  } else {
    new LocalBackend(stack, { path: localStatePath(stackName) });
  }
}
