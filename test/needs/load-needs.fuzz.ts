/**
 * Property-based tests: no needs file, however mangled, crashes the loader. Every input gives
 * either validated needs (from which selection also succeeds) or a NeedsFileError whose
 * problems are all located. Mutations start from the real examples.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { loadNeeds } from '../../needs/load-needs';
import { NeedsFileError } from '../../needs/problem';
import { selectStrategy } from '../../strategy/select';

const SEEDS = ['needs.yaml', 'examples/cloud-first.yaml', 'examples/hybrid.yaml', 'examples/edge-centric.yaml'].map((f) => readFileSync(f, 'utf8'));
const SEED_DOCS = SEEDS.map((text) => parse(text) as Record<string, unknown>);
const KNOWN_KEYS = ['apiVersion', 'name', 'environment', 'strategy', 'business', 'cloud', 'workload', 'data', 'state', 'onPrem', 'guardrails', 'training', 'inference', 'sites', 'gpus', 'tiers', 'hotDays', 'region', 'vpcCidr', 'networkCidr', 'podCidr', 'suppress'];

/** Outcome check: valid needs (and a selection), or located problems; anything else fails. */
function expectNoCrash(text: string): void {
  let loaded;
  try {
    loaded = loadNeeds(text, 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof NeedsFileError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
      expect(p.message.length).toBeGreaterThan(0);
    }
    return;
  }
  selectStrategy(loaded.needs);
}

const scalar = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, Number.MAX_VALUE, 1e308, -0, 4096, 4097, 36500),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', 'null', '~', 'yes', '0x10', '10.0.0.0/8', '0.0.0.0/0', '203.0.113.10', 'us-east-1', 'h100', 'x'.repeat(5000)),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('any'), { maxLength: 5 }), fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string()), tie('any'), { maxKeys: 4 })),
})).any;

/** Paths into a document, for mutations. */
function paths(doc: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof doc !== 'object' || doc === null) return [prefix];
  const entries = Array.isArray(doc) ? doc.map((v, i) => [i, v] as const) : Object.entries(doc);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function mutate(doc: unknown, path: (string | number)[], kind: 'replace' | 'delete' | 'insert', replacement: unknown, key: string): unknown {
  if (path.length === 0) return kind === 'replace' ? replacement : doc;
  const copy: any = Array.isArray(doc) ? [...doc] : { ...(doc as object) };
  const [head, ...rest] = path;
  if (rest.length > 0) copy[head] = mutate(copy[head], rest, kind, replacement, key);
  else if (kind === 'delete') Array.isArray(copy) ? copy.splice(Number(head), 1) : delete copy[head];
  else if (kind === 'insert' && typeof copy[head] === 'object' && copy[head] !== null && !Array.isArray(copy[head])) copy[head] = { ...copy[head], [key]: replacement };
  else copy[head] = replacement;
  return copy;
}

const structuralMutation = fc
  .tuple(fc.nat(SEED_DOCS.length - 1), fc.nat(), fc.constantFrom('replace', 'delete', 'insert') as fc.Arbitrary<'replace' | 'delete' | 'insert'>, value, fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string()), fc.nat(3))
  .map(([seed, at, kind, replacement, key, rounds]) => {
    let doc: unknown = SEED_DOCS[seed];
    for (let round = 0; round <= rounds; round++) {
      const all = paths(doc);
      doc = mutate(doc, all[(at + round * 7) % all.length], kind, replacement, key);
    }
    return stringify(doc);
  });

const textMutation = fc
  .tuple(fc.nat(SEEDS.length - 1), fc.nat(), fc.nat(40), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('&a ', '*a', '<<: *a', '---\n', '\t', ': ', '- ', '{', '[', '"', "'", '\u0000', '\ufeff', '%YAML 1.1\n', '!!binary ', '? ')))
  .map(([seed, at, cut, insert]) => {
    const text = SEEDS[seed];
    const position = at % (text.length + 1);
    return text.slice(0, position) + insert + text.slice(Math.min(text.length, position + cut));
  });

const duplicateKeys = fc.constantFrom(...SEEDS).map((text) => text.replace(/^(name: .*)$/m, '$1\n$1'));

const hugeList = fc.integer({ min: 400, max: 2000 }).map((n) =>
  stringify({
    apiVersion: 'tracklayer/v1',
    name: 'fuzz-sites',
    cloud: { region: 'eu-west-1' },
    workload: { inference: { accelerator: 'l4', latencyMs: 5, sites: Array.from({ length: n }, (_, i) => ({ name: `s-${i % 450}`, hardware: 'x86-cpu', nodes: (i % 120) + 1 })) } },
  }),
);

describe('needs parsing never crashes', () => {
  test('structural mutations of the examples', () => {
    fc.assert(fc.property(structuralMutation, (text) => expectNoCrash(text)), { numRuns: 6000 });
  });

  test('text mutations: cuts, YAML syntax, anchors and aliases, control characters', () => {
    fc.assert(fc.property(textMutation, (text) => expectNoCrash(text)), { numRuns: 4000 });
  });

  test('duplicate keys and huge lists', () => {
    fc.assert(fc.property(fc.oneof(duplicateKeys, hugeList), (text) => expectNoCrash(text)), { numRuns: 60 });
  });
});
