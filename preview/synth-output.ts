/**
 * A synth output directory as data: `DIR/stacks/<stack>/cdk.tf.json` (what `tracklayer synth`
 * and `cdktf synth` write) read into Terraform JSON by stack name. Reading is the only I/O here;
 * the helpers below are pure.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PreviewInputError } from './preview-error';

/** One resource block of synthesized Terraform JSON; cdktf puts its construct path in `//`. */
export type ResourceConfig = { readonly '//'?: { readonly metadata?: { readonly path?: string; readonly uniqueId?: string } } } & Readonly<Record<string, unknown>>;

/** The parts of one stack's `cdk.tf.json` the preview reads. */
export interface TerraformJson {
  readonly '//'?: Readonly<Record<string, unknown>>;
  /** `resource.<type>.<name>`. */
  readonly resource?: Readonly<Record<string, Readonly<Record<string, ResourceConfig>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly output?: Readonly<Record<string, unknown>>;
  /** `provider.<name>` is a list of configurations (aliases). */
  readonly provider?: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  readonly terraform?: Readonly<Record<string, unknown>>;
}

/** A synth output: every stack's Terraform JSON by stack name. */
export interface SynthOutput {
  readonly stacks: Readonly<Record<string, TerraformJson>>;
}

/** The file each stack's configuration is in, under the output directory. */
export const STACK_FILE = 'cdk.tf.json';

/**
 * Reads `dir/stacks/<stack>/cdk.tf.json` for every stack folder, in name order.
 * @throws PreviewInputError when `dir/stacks` is missing, or a stack file is missing or not JSON.
 */
export function readSynthOutput(dir: string): SynthOutput {
  const stacksDir = join(dir, 'stacks');
  if (!existsSync(stacksDir) || !statSync(stacksDir).isDirectory()) {
    throw new PreviewInputError(dir, 'not a synth output: it has no stacks/ folder; run `tracklayer synth --out DIR` first');
  }
  const stacks: Record<string, TerraformJson> = {};
  for (const name of readdirSync(stacksDir).sort()) {
    if (!statSync(join(stacksDir, name)).isDirectory()) continue;
    const file = join(stacksDir, name, STACK_FILE);
    if (!existsSync(file)) throw new PreviewInputError(file, `missing: every stack folder holds a ${STACK_FILE}`);
    stacks[name] = parseJson(file) as TerraformJson;
  }
  return { stacks };
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PreviewInputError(file, `not JSON: ${(error as Error).message}`);
  }
}

/** A resource of a stack with its address and construct path. */
export interface ResourceEntry {
  /** Terraform address, `type.name`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** cdktf construct path (`stack/construct/.../id`), or the address when the metadata is missing. */
  readonly path: string;
  readonly config: ResourceConfig;
}

/** Every managed resource of a stack, by address. */
export function resourcesOf(stack: TerraformJson | undefined): Map<string, ResourceEntry> {
  const entries = new Map<string, ResourceEntry>();
  for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      entries.set(address, { address, type, name, path: config['//']?.metadata?.path ?? address, config });
    }
  }
  return entries;
}

/** The strategy a synthesized stack was built for, from the provider's default tags (`tracklayer:strategy`). */
export function outputStrategy(output: SynthOutput): string | undefined {
  for (const stack of Object.values(output.stacks)) {
    for (const configs of Object.values(stack.provider ?? {})) {
      for (const config of configs) {
        const defaultTags = config.default_tags as readonly { readonly tags?: Readonly<Record<string, string>> }[] | undefined;
        const strategy = defaultTags?.[0]?.tags?.['tracklayer:strategy'];
        if (strategy) return strategy;
      }
    }
  }
  return undefined;
}
