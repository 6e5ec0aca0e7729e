/**
 * The field names the schema knows at a path, read from the zod schema itself so the
 * "did you mean" suggestions never drift from the fields that exist.
 */
import type { z } from 'zod';
import type { FieldPath } from './problem';

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Unwraps optional, default and transform layers down to the schema that holds the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/** The keys of the object schema at `path` (list indexes step into list elements). */
export function knownKeysAt(root: z.ZodType, path: FieldPath): readonly string[] {
  let schema: z.ZodType | undefined = unwrap(root);
  for (const part of path) {
    const def: Def = defOf(schema);
    if (typeof part === 'number') schema = def.element && unwrap(def.element);
    else schema = def.shape?.[part] && unwrap(def.shape[part]);
    if (!schema) return [];
  }
  return Object.keys(defOf(schema).shape ?? {});
}
