/**
 * What a guardrail rule is: an id from rule-ids.ts, a level, a one-line rationale, the matching
 * ids of other scanners, and a check over the FINAL synthesized Terraform JSON of one stack
 * (cdk.tf.json after `app.synth()`), so overrides and escape hatches cannot get around it.
 * In the spirit of cdk-nag, but over Terraform JSON instead of CloudFormation.
 */
import type { RuleId } from '../needs/rule-ids';
import type { Needs } from '../needs/schema';

/** How bad a finding is: an error fails `tracklayer synth` (exit 3); a warning is printed. */
export type RuleLevel = 'error' | 'warning';

/** A block map of the Terraform JSON: `resource.<type>.<name>` or `data.<type>.<name>`. */
export type BlockMap = Record<string, Record<string, Record<string, unknown>>>;

/** The Terraform JSON of one stack as cdktf writes it (cdk.tf.json), parsed. */
export interface TerraformDocument {
  readonly terraform?: { readonly backend?: Record<string, Record<string, unknown>>; readonly [key: string]: unknown };
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly resource?: BlockMap;
  readonly data?: BlockMap;
  readonly [key: string]: unknown;
}

/** One synthesized stack: its name and its final Terraform JSON. */
export interface SynthesizedStack {
  /** The stack name, `<name>-<role>`; the first segment of every construct path in it. */
  readonly name: string;
  /** The parsed cdk.tf.json. */
  readonly json: TerraformDocument;
}

/**
 * Everything one synthesis produced: every stack, and the needs they were built from. Most rules
 * read only the stack they check; a rule about the whole deployment (can the workloads the needs
 * imply run on the nodes the stacks build?) reads the rest from here.
 */
export interface SynthContext {
  /** Every stack of the synthesis, in order. */
  readonly stacks: readonly SynthesizedStack[];
  /** The validated needs; absent when a caller checks stacks without them (then needs-derived checks are skipped). */
  readonly needs?: Needs;
}

/** What a check reports about one resource (or block) of a stack. */
export interface Finding {
  /** The Terraform address: `aws_s3_bucket.lakehouse_raw_bucket_FA64A3CA`, `terraform.backend.s3`, `provider.aws`. */
  readonly address: string;
  /** The construct path cdktf recorded (`//.metadata.path`); the stack name for stack-level blocks. */
  readonly path: string;
  /** What is wrong and what to do about it. */
  readonly message: string;
  /** A level other than the rule's, for a milder or graver case of the same rule. @default the rule's level */
  readonly level?: RuleLevel;
}

/**
 * Ids of the same policy in other scanners, or `'none'` where that scanner has no matching
 * check (looked up, not forgotten).
 */
export interface RuleReferences {
  /** Checkov check ids (`CKV_AWS_145`, `CKV_K8S_16`). */
  readonly checkov: readonly [string, ...string[]] | 'none';
  /** Trivy (formerly tfsec) AVD ids (`AVD-AWS-0132`, `AVD-KSV-0017`). */
  readonly trivy: readonly [string, ...string[]] | 'none';
  /** cdk-nag rule ids (`AwsSolutions-EKS1`, `NIST.800.53.R5-S3DefaultEncryptionKMS`). */
  readonly cdkNag: readonly [string, ...string[]] | 'none';
}

/** A policy rule over the final Terraform JSON of one stack. */
export interface Rule {
  /** The id a needs file suppresses it by. */
  readonly id: RuleId;
  /** The level of its findings, unless a finding says otherwise. */
  readonly level: RuleLevel;
  /** Why the rule exists, in one line. */
  readonly rationale: string;
  /** The matching checks of other scanners. */
  readonly references: RuleReferences;
  /**
   * The findings in one stack; none when the stack complies or has nothing the rule covers.
   * `synth` is the whole synthesis the stack belongs to, for rules that look across stacks
   * (runRules always passes it; absent, such a rule sees the stack alone and no needs).
   */
  check(stack: SynthesizedStack, synth?: SynthContext): Finding[];
}
