/** Synthesizes every stack a needs file selects, through the same path as `tracklayer synth`. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { buildStacks } from '../../stacks/build-stacks';
import type { Needs } from '../../needs/schema';
import { selectStrategy } from '../../strategy/select';
import type { TerraformJson } from './synth-json';

/** Synthesized Terraform JSON of each stack, by stack name. */
export function synthApp(needs: Needs): Record<string, TerraformJson> {
  const app = Testing.app();
  const selection = selectStrategy(needs);
  buildStacks(app, { needs, strategy: selection.strategy }, selection);
  app.synth();
  const stacksDir = join(app.outdir, 'stacks');
  return Object.fromEntries(readdirSync(stacksDir).map((name) => [name, JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as TerraformJson]));
}
