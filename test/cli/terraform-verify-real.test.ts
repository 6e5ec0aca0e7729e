/**
 * verify against the real Terraform and the offline AWS provider mirror (this project's
 * machines and CI have both: .ci/run requires them), so the one-process-per-run flow is proven
 * with the real `terraform test`, not only a scripted runner: a passing rehearsal stands for
 * validate, and a configuration error (an unknown argument, a value the provider's validator
 * rejects) fails the rehearsal and is reported as that stack's configuration error, with the
 * stack it names. Without Terraform or the mirror (a developer's laptop) the test is skipped
 * and says so; CI never skips it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStacks } from '../../cli/terraform-verify';

const MIRROR = process.env.TRACKLAYER_TF_MIRROR ?? '/opt/tf-plugins';
const available = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0 && existsSync(join(MIRROR, 'registry.terraform.io'));
if (!available) console.warn(`terraform-verify-real: skipped, no terraform on PATH or no provider mirror at ${MIRROR}`);
const realTest = available ? test : test.skip;

const awsStack = (name: string, resource: object) => ({
  terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
  provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { 'tracklayer:stack': name } }] }] },
  resource,
});

describe('verify with the real Terraform and the AWS provider mirror', () => {
  realTest(
    'GIVEN a valid stack and two with configuration errors THEN one rehearsal for all, validate only after it failed, each error on its stack',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'verify-real-'));
      const stacks = {
        good: awsStack('good', { aws_sqs_queue: { queue: { name: 'good', sqs_managed_sse_enabled: true } } }),
        tenancy: awsStack('tenancy', { aws_vpc: { vpc: { cidr_block: '10.0.0.0/16', instance_tenancy: 'shared-ish' } } }),
        unknown: awsStack('unknown', { aws_sqs_queue: { queue: { name: 'unknown', bogus_argument: 1 } } }),
      };
      for (const [name, json] of Object.entries(stacks)) {
        mkdirSync(join(out, 'stacks', name), { recursive: true });
        writeFileSync(join(out, 'stacks', name, 'cdk.tf.json'), `${JSON.stringify(json, null, 2)}\n`);
      }
      const result = await verifyStacks(out, Object.keys(stacks), { mirror: MIRROR, env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
      expect(result.outcomes.map((o) => [o.stack, o.status])).toEqual([
        ['good', 'valid'],
        ['tenancy', 'invalid'],
        ['unknown', 'invalid'],
      ]);
      // Each error told as of the stack's own file (not the combined root's copy of it): its line there, no module prefix.
      const lineOf = (stack: string, text: string) => readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
      expect(result.outcomes[1].detail).toMatch(new RegExp(`^Error: expected instance_tenancy to be one of .*got shared-ish\n  with aws_vpc\.vpc\n  on stacks/tenancy/cdk\.tf\.json line ${lineOf('tenancy', '"instance_tenancy"')}$`));
      expect(result.outcomes[2].detail).toBe(`Error: Extraneous JSON object property\n  on stacks/unknown/cdk.tf.json line ${lineOf('unknown', '"bogus_argument"')}\nNo argument or block type is named "bogus_argument".`);
      const first = result.runs.find((run) => run.id === 'combined-1')!;
      expect(first.stacks).toEqual(['good', 'tenancy', 'unknown']);
      expect(first.phases.rehearsal?.passed).toBe(false);
      expect(first.phases.validate?.passed).toBe(false);
      // The valid stack, verified again without the others: a rehearsal, no validate.
      const again = result.runs.find((run) => run.stacks.length === 1 && run.stacks[0] === 'good')!;
      expect(again.phases.rehearsal?.passed).toBe(true);
      expect(again.phases.validate).toBeUndefined();
    },
    180_000,
  );
});
