/**
 * Literal values behind the references of synthesized JSON, across the stacks of one synthesis:
 * `${kubernetes_namespace_v1.x.metadata[0].name}` is the namespace's `metadata.name`, and
 * `${data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>}` is what
 * that output of `<stack>` refers to (cdktf's cross-stack references), followed to a literal.
 * Anything else (a function call, an attribute only the cloud knows, such as an ARN) stays
 * unresolved: the checks then say what they could not read instead of guessing.
 */
import type { SynthesizedStack } from '../rule';
import { isObject } from '../terraform-json';

/** A whole-string reference: `${type.name.path}` or `${data.type.name.path}`. */
const REFERENCE = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+|\[\d+\])*)\}$/;
/** cdktf's remote-state lookup of another stack's output. */
const REMOTE_STATE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-(.+)\.outputs\.([A-Za-z0-9_-]+)\}$/;

/** Follows `path` (`.a[0].b`) into a configuration; cdktf writes single blocks as objects, so `[0]` of an object is the object. */
function walk(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const step of path.match(/\.[A-Za-z0-9_-]+|\[\d+\]/g) ?? []) {
    if (step.startsWith('[')) {
      const index = Number(step.slice(1, -1));
      node = Array.isArray(node) ? node[index] : index === 0 ? node : undefined;
    } else {
      node = Array.isArray(node) && node.length === 1 ? (node[0] as Record<string, unknown>)?.[step.slice(1)] : isObject(node) ? node[step.slice(1)] : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** Resolves references in the context of one stack of a synthesis. */
export class ReferenceResolver {
  private readonly byName: ReadonlyMap<string, SynthesizedStack>;

  constructor(stacks: readonly SynthesizedStack[]) {
    this.byName = new Map(stacks.map((stack) => [stack.name, stack]));
  }

  /** The literal `value` stands for in `stack` (itself when it is no reference), or undefined when it cannot be read. */
  resolve(value: unknown, stack: SynthesizedStack, depth = 0): unknown {
    if (typeof value !== 'string' || !value.includes('${')) return value;
    if (depth > 8) return undefined;
    const remote = REMOTE_STATE.exec(value);
    if (remote) {
      const producer = this.byName.get(remote[1]);
      const output = producer?.json.output as Record<string, { value?: unknown }> | undefined;
      return producer && output?.[remote[2]] ? this.resolve(output[remote[2]].value, producer, depth + 1) : undefined;
    }
    const reference = REFERENCE.exec(value);
    if (!reference) return undefined;
    const [, data, type, name, path] = reference;
    const config = (data ? stack.json.data : stack.json.resource)?.[type]?.[name];
    if (!config) return undefined;
    return this.resolve(walk(config, path), stack, depth + 1);
  }

  /** The literal string `value` stands for, or undefined. */
  resolveString(value: unknown, stack: SynthesizedStack): string | undefined {
    const resolved = this.resolve(value, stack);
    return typeof resolved === 'string' && !resolved.includes('${') ? resolved : undefined;
  }
}
