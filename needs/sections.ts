/**
 * The valid fields of a raw needs document, for the cross-field checks. Every field of every
 * section is validated on its own, so no problem hides another: a typo in `business` does not
 * hide an overlapping CIDR in `onPrem`, and neither does an invalid `onPrem.vpnPeerIp` in the
 * same section. A check runs on the fields it needs when they are valid, and stays silent
 * about fields that already have their own problem.
 */
import type { z } from 'zod';
import { SECTIONS } from './schema';

type SectionSchemas = typeof SECTIONS;
/** The valid fields of one section, defaults filled; an invalid or absent field is undefined. */
export type SectionFields<K extends keyof SectionSchemas> = { [F in keyof SectionSchemas[K]['shape']]?: z.output<SectionSchemas[K]['shape'][F]> };
/** The sections of a document that are present (or defaulted), each with its valid fields. */
export type Sections = { [K in keyof SectionSchemas]?: SectionFields<K> };

/** Sections whose every field is optional or defaulted: absent means "all defaults". */
const DEFAULTED_SECTIONS = new Set(['business', 'workload', 'data', 'guardrails']);

/**
 * Validates each field of each section of `root` on its own and keeps the valid ones. A section
 * that is present but not a mapping counts as present with no valid field (its own problem says why).
 */
export function validSections(root: Record<string, unknown>): Sections {
  const sections: Record<string, Record<string, unknown>> = {};
  for (const [key, schema] of Object.entries(SECTIONS)) {
    const raw = root[key];
    if (raw === undefined && !DEFAULTED_SECTIONS.has(key)) continue;
    const value = isRecord(raw) ? raw : {};
    const fields: Record<string, unknown> = {};
    for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const result = fieldSchema.safeParse(value[field]);
      if (result.success && result.data !== undefined) fields[field] = result.data;
    }
    sections[key] = fields;
  }
  return sections as Sections;
}

/** True for a YAML mapping. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The strategy the document resolves to when that is known without selection: explicit, or hybrid by rule sovereignty. */
export function knownStrategy(root: Record<string, unknown>, sections: Sections): string | undefined {
  const strategy = typeof root.strategy === 'string' ? root.strategy : 'auto';
  if (strategy !== 'auto') return strategy;
  return sections.business?.dataSensitivity === 'high' ? 'hybrid' : undefined;
}
