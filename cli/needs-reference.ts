/**
 * NEEDS.md, the needs-file reference a clone carries (users never see the project's contract
 * file): every field with its type, range, default and meaning, generated from the JSON Schema
 * of the zod schema (needs/json-schema.ts), so it cannot drift from what is validated. Then the
 * rules that relate fields, and the selection rules, generated from strategy/rules.ts.
 * `npm run schema` rewrites it with needs.schema.json; a test fails when it is stale.
 */
import { needsJsonSchema } from '../needs/json-schema';
import { SELECTION_RULES, DEFAULT_RULE } from '../strategy/rules';

/** Where the reference is published in the repository. */
export const NEEDS_REFERENCE_FILE = 'NEEDS.md';

/** The part of a JSON Schema node the reference reads. */
interface SchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
}

/** Enums longer than this are named, not listed (the region codes). */
const MAX_LISTED_VALUES = 12;

/** One row of the field table. */
interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly presence: string;
  readonly description: string;
}

/** The whole reference, as committed. */
export function needsReferenceMarkdown(): string {
  const schema = needsJsonSchema() as SchemaNode;
  const rows = fieldRows(schema, '');
  return [
    '# The needs file: reference',
    '',
    '<!-- Generated from needs/schema.ts by `npm run schema`; do not edit by hand. -->',
    '',
    'A needs file is YAML (JSON works too) that says what the business needs; tracklayer validates it,',
    'selects a strategy and synthesizes the stacks (see [README.md](README.md)). Editors with the YAML',
    'language server check it against [needs.schema.json](needs.schema.json):',
    '`# yaml-language-server: $schema=./needs.schema.json`. Examples: [needs.yaml](needs.yaml) and',
    '[examples/](examples/).',
    '',
    'Unknown fields are errors that name the closest known field; numbers are numbers, not strings;',
    'every problem is reported at once as `FILE:LINE:COL: path: message` with exit code 2.',
    '',
    '## Fields',
    '',
    '| field | type and range | required / default | meaning |',
    '|---|---|---|---|',
    ...rows.map((row) => `| \`${row.path}\` | ${row.type} | ${row.presence} | ${escape(row.description)} |`),
    '',
    '## Rules between fields',
    '',
    ...CROSS_FIELD_RULES.map((rule) => `- ${rule}`),
    '',
    '"Public IPv4" means not in 10/8, 172.16/12, 192.168/16, 127/8, 169.254/16, 100.64/10, 0/8 or 224/4;',
    'the documentation ranges 192.0.2/24, 198.51.100/24 and 203.0.113/24 are accepted, for examples.',
    '',
    '## Selection rules (`strategy: auto`)',
    '',
    'Evaluated in this order; the first that fires decides, and every rule that fired is reported.',
    'An explicit `strategy` wins (source `override`); a rule it goes against is a warning.',
    '',
    '| # | rule | selects |',
    '|---|---|---|',
    ...[...SELECTION_RULES, DEFAULT_RULE].map((rule, index) => `| ${index + 1} | ${rule.rule} | ${rule.selects} |`),
    '',
  ].join('\n');
}

/** Rules the validator checks across fields (needs/cross-field-checks.ts and the files it names). */
const CROSS_FIELD_RULES: readonly string[] = [
  '`cloud.dataResidency` must include `cloud.region`.',
  '`cloud.availabilityZones` is at most the zones the region offers to EKS; `cloud.zoneIds` must be zones of the region that EKS accepts, listed once, and sets the count.',
  'Reservation zones must be zones of the region (and of `cloud.zoneIds` when given), and span at most `availabilityZones` zones.',
  '`workload.training.capacity: spot` needs `interruptible: true`; `interruptible: true` with `on-demand` is a warning; `reservation` and `capacity-block` need `reservations`, which are forbidden otherwise; reservation ids are unique.',
  '`workload.teams` need `workload.training`; names are unique and not `inference`, `gpu-system`, `kueue-system`, `default` or `kube-*`; their shares add up to at most `training.gpus` (plus the on-prem GPUs in hybrid).',
  'Multi-node training needs an accelerator with an EFA instance type; single-node training must fit one instance.',
  'Site names are unique; `workload.inference.rollout` needs sites, its pilots must be sites (the closest is named), and more waves than sites left is a warning (the waves are capped).',
  '`data.tiers`: each tier at least 30 days after the previous (S3 rejects a lifecycle rule otherwise).',
  '`onPrem.networkCidr`, `onPrem.podCidr` and `cloud.vpcCidr` must not overlap.',
  '`onPrem.mode: cluster` needs `kubeContext`; `hybrid-nodes` forbids it, needs `podCidr`, its node and pod networks must be RFC 1918 and clear of the cluster\'s Kubernetes service range, and its pod network must hold a /25 per server (Cilium\'s cluster pool).',
  '`onPrem.accelerator` cannot be `trainium` (it exists only in AWS).',
  '`strategy: hybrid` (or `dataSensitivity: high` under `auto`) needs `onPrem`; `edge-centric` needs at least one site.',
  '`guardrails.suppress[].resource` must be a construct path in a stack of this file (`<name>-<role>/...`).',
  'Warnings: `environment: prod` without `state`; a node group above the EKS quota of 450 nodes.',
];

function fieldRows(node: SchemaNode, path: string): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    const required = (node.required ?? []).includes(key);
    rows.push({ path: childPath, type: typeOf(child), presence: presenceOf(child, required), description: child.description ?? '' });
    if (child.properties) rows.push(...fieldRows(child, childPath));
    if (child.type === 'array' && child.items?.properties) rows.push(...fieldRows(child.items, `${childPath}[]`));
  }
  return rows;
}

function typeOf(node: SchemaNode): string {
  if (node.const !== undefined) return `exactly \`${String(node.const)}\``;
  if (node.enum) return node.enum.length > MAX_LISTED_VALUES ? `one of ${node.enum.length} values (see needs.schema.json)` : node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  switch (node.type) {
    case 'integer':
      return `integer ${range(node)}`.trim();
    case 'number':
      return node.exclusiveMinimum !== undefined ? `number > ${node.exclusiveMinimum}` : `number ${range(node)}`.trim();
    case 'boolean':
      return '`true` \\| `false`';
    case 'string':
      return node.pattern ? `string matching \`${node.pattern}\`` : 'string';
    case 'object':
      return 'mapping';
    case 'array': {
      const count = node.minItems !== undefined || node.maxItems !== undefined ? ` (${node.minItems ?? 0}..${node.maxItems ?? '∞'} items)` : '';
      return `list of ${node.items ? typeOf(node.items) : 'values'}${count}`;
    }
    default:
      return node.type ?? 'any';
  }
}

function range(node: SchemaNode): string {
  if (node.minimum !== undefined && node.maximum !== undefined) return `${node.minimum}..${node.maximum}`;
  if (node.minimum !== undefined) return `>= ${node.minimum}`;
  if (node.maximum !== undefined) return `<= ${node.maximum}`;
  return '';
}

function presenceOf(node: SchemaNode, required: boolean): string {
  if (node.default !== undefined) return `default \`${JSON.stringify(node.default)}\``;
  return required ? 'required' : 'optional';
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
