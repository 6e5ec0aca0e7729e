/**
 * `tracklayer optimize`: observed metrics and the needs file in, recommendations out, each with
 * the needs-file change that carries it out and the monthly saving from the catalog prices
 * (NEEDS-v1.1). Pure; the CLI reads the files and, with `--write`, writes the changes.
 *
 * The rules run in this order, each against the needs as the previous changes left them, so
 * the savings add up to what `--write` saves in all (scale-down first: fewer GPUs, then spot on
 * what is left):
 * 1. ./scale-down-rule — GPU utilization sustained under 30% → fewer training GPUs / replicas;
 * 2. ./spot-rule — interruptible training bought on demand → spot;
 * 3. ./quantize-rule — high serving cost per request → an 8-bit model (change null, priced);
 * 4. ./cache-rule — the lakehouse re-read several times over → a cache (change null, 0).
 * A rule that lacks its inputs says so in a note and recommends nothing; a change that would make
 * the needs file invalid, or that saves nothing at catalog prices (e.g. fewer training GPUs in a
 * hybrid whose cloud cluster is not built: on-prem GPUs are not priced), is dropped with a note.
 *
 * Runtime path of the inputs: the gpu-platform stack runs NVIDIA's DCGM exporter on every GPU
 * node (constructs/platform/dcgm-exporter.ts) for Prometheus, and EKS's CloudWatch
 * observability add-on feeds Container Insights; a user exports either (README "optimize") and
 * passes the file. Runtime path of the output: `--write` edits the needs file, the PR preview
 * prices the change, and `cdktf deploy` resizes the node groups.
 */
import { editNeeds, type NeedsEdit } from '../needs/needs-edit';
import { NeedsFileError, formatProblem } from '../needs/problem';
import type { LoadedNeeds } from '../needs/load-needs';
import { cacheRule } from './cache-rule';
import type { MetricSeries } from './metric-series';
import { monthlySaving } from './plan-cost';
import { QUANTIZE_USD_PER_1K_REQUESTS, quantizeRule } from './quantize-rule';
import type { Proposal, Recommendation } from './recommendation';
import { SCALE_DOWN_THRESHOLD_PERCENT, scaleDown } from './scale-down-rule';
import { spotRule } from './spot-rule';
import { readUtilization, sustainedUnder } from './utilization';

/** What optimize reads. */
export interface OptimizeInput {
  /** The needs file's text and its name for messages. */
  readonly text: string;
  readonly file: string;
  /** Every series of every metrics file. */
  readonly series: readonly MetricSeries[];
  /** Serving cost per 1,000 requests above which quantize fires. @default QUANTIZE_USD_PER_1K_REQUESTS */
  readonly requestCostThresholdUsdPer1k?: number;
}

/** What optimize found. */
export interface OptimizeResult {
  readonly recommendations: readonly Recommendation[];
  /** Why a rule recommended nothing, or what was left out. */
  readonly notes: readonly string[];
  /** The needs-file changes of the recommendations, in order, for `--write`. */
  readonly edits: readonly NeedsEdit[];
  /** The needs file as read (for its warnings). */
  readonly loaded: LoadedNeeds;
}

/** The needs as the recommendations so far leave them. */
interface State {
  readonly text: string;
  readonly loaded: LoadedNeeds;
}

/**
 * Applies the rules.
 * @throws NeedsFileError when the needs file itself is invalid.
 */
export function optimize(input: OptimizeInput): OptimizeResult {
  const initial = editNeeds(input.text, input.file, []).loaded;
  let state: State = { text: input.text, loaded: initial };
  const recommendations: Recommendation[] = [];
  const edits: NeedsEdit[] = [];
  const notes: string[] = [];
  const utilization = readUtilization(input.series, initial.needs);
  notes.push(...utilization.notes);
  const metricNames = [...new Set(input.series.filter((s) => s.metric.kind === 'gpu-utilization').map((s) => s.metric.name))].join(', ');

  const accept = (proposal: Proposal | undefined) => {
    if (!proposal) return;
    try {
      if (proposal.edit) {
        const edited = editNeeds(state.text, input.file, [proposal.edit]);
        const change = edited.changes[0];
        const saving = proposal.monthlySavingsUsd ?? monthlySaving(state.loaded.needs, edited.loaded.needs);
        if (saving <= 0) {
          notes.push(`${proposal.rule}: left out: ${proposal.edit.path.join('.')} → ${String(proposal.edit.value)} saves nothing at catalog prices (the selected strategy builds no cloud node group for it)`);
          return;
        }
        recommendations.push({ rule: proposal.rule, detail: proposal.detail, change: change ? { path: change.path, from: change.from, to: change.to } : null, monthlySavingsUsd: saving });
        edits.push(proposal.edit);
        state = { text: edited.text, loaded: edited.loaded };
      } else if (proposal.pricedAs) {
        const priced = editNeeds(state.text, input.file, [proposal.pricedAs]);
        recommendations.push({ rule: proposal.rule, detail: proposal.detail, change: null, monthlySavingsUsd: monthlySaving(state.loaded.needs, priced.loaded.needs) });
      } else {
        recommendations.push({ rule: proposal.rule, detail: proposal.detail, change: null, monthlySavingsUsd: 0 });
      }
    } catch (error) {
      if (!(error instanceof NeedsFileError)) throw error;
      notes.push(`${proposal.rule}: left out: the change would make the needs file invalid: ${error.problems.map(formatProblem).join('; ')}`);
    }
  };
  const outcome = (result: { readonly proposal?: Proposal; readonly note?: string }) => {
    if (result.note) notes.push(result.note);
    accept(result.proposal);
  };

  let inferenceScaledDown = false;
  for (const reading of utilization.workloads) {
    const before = recommendations.length;
    outcome(scaleDown(state.loaded.needs, reading, metricNames));
    if (reading.workload === 'inference' && recommendations.length > before) inferenceScaledDown = true;
  }
  accept(spotRule(state.loaded.needs));
  outcome(quantizeRule(state.loaded.needs, input.series, input.requestCostThresholdUsdPer1k ?? QUANTIZE_USD_PER_1K_REQUESTS, inferenceScaledDown));
  const training = utilization.workloads.find((w) => w.workload === 'training');
  outcome(cacheRule(state.loaded.needs, input.series, training !== undefined && sustainedUnder(training, SCALE_DOWN_THRESHOLD_PERCENT)));
  return { recommendations, notes, edits, loaded: initial };
}

/** The `--json` object of NEEDS-v1.1. */
export function optimizeJson(result: OptimizeResult): object {
  return { recommendations: result.recommendations };
}
