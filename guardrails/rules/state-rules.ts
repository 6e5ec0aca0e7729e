/** Terraform state rules: state is stored encrypted and locked (NEEDS-v1 `state`). */
import type { Finding, Rule } from '../rule';
import { isTrue } from '../terraform-json';

/** Backends that encrypt and lock by themselves (HCP Terraform / Terraform Enterprise). */
const MANAGED_BACKENDS = ['remote'];

/** STATE_BACKEND: S3 state with encrypt and use_lockfile; local state is a warning. */
export const stateBackend: Rule = {
  id: 'STATE_BACKEND',
  level: 'error',
  rationale: 'Terraform state holds secrets and resource ids: it lives in S3 with encrypt and S3-native locking (use_lockfile); local state is a warning.',
  references: { checkov: 'none', trivy: 'none', cdkNag: 'none' },
  check: (stack) => {
    const backends = Object.entries(stack.json.terraform?.backend ?? {});
    if (backends.length === 0) {
      return [{ address: 'terraform', path: stack.name, level: 'warning', message: 'has no backend, so Terraform keeps state in a local file; set state.bucket in the needs file' }];
    }
    return backends.flatMap(([kind, config]): Finding[] => {
      const address = `terraform.backend.${kind}`;
      if (kind === 'local') {
        return [{ address, path: stack.name, level: 'warning', message: 'keeps state in a local file, unencrypted and unshared; set state.bucket in the needs file for an encrypted, locked S3 backend' }];
      }
      if (MANAGED_BACKENDS.includes(kind)) return [];
      if (kind !== 's3') {
        return [{ address, path: stack.name, level: 'warning', message: `uses the ${kind} backend, whose encryption and locking tracklayer cannot verify` }];
      }
      const missing = ['encrypt', 'use_lockfile'].filter((setting) => !isTrue(config[setting]));
      return missing.length === 0 ? [] : [{ address, path: stack.name, message: `S3 backend does not set ${missing.join(' and ')} to true; state must be encrypted and locked` }];
    });
  },
};

/** The state rules, in registry order. */
export const STATE_RULES: readonly Rule[] = [stateBackend];
