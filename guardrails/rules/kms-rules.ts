/** KMS rules: customer managed symmetric keys rotate their key material. */
import type { Finding, Rule } from '../rule';
import { findingAt, isTrue, resourcesOf } from '../terraform-json';

/** The only key spec KMS can rotate automatically (asymmetric and HMAC keys cannot rotate). */
const ROTATABLE_SPEC = 'SYMMETRIC_DEFAULT';

/** KMS_ROTATION: symmetric customer managed keys have automatic rotation on. */
export const kmsRotation: Rule = {
  id: 'KMS_ROTATION',
  level: 'error',
  rationale: 'Symmetric customer managed keys rotate their key material automatically, limiting how much data one key version protects.',
  references: { checkov: ['CKV_AWS_7'], trivy: ['AVD-AWS-0065'], cdkNag: ['AwsSolutions-KMS5', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled'] },
  check: (stack) =>
    resourcesOf(stack, 'aws_kms_key').flatMap((key): Finding[] => {
      const spec = key.config.customer_master_key_spec ?? key.config.key_spec ?? ROTATABLE_SPEC;
      if (spec !== ROTATABLE_SPEC) return [];
      return isTrue(key.config.enable_key_rotation) ? [] : [findingAt(key, 'does not rotate its key material; set enable_key_rotation to true')];
    }),
};

/** The KMS rules, in registry order. */
export const KMS_RULES: readonly Rule[] = [kmsRotation];
