/**
 * `tracklayer rollout [--needs FILE] [--json]` (NEEDS-v1.1 "New commands"): reads and validates
 * the needs file (bad input: exit 2 with located messages, through runCli), selects the
 * strategy, and prints the rollout plan (rollout/): as text for people, or exactly one JSON
 * object `{ "phases": [...] }` with `--json`. Needs warnings go to stderr.
 */
import { formatProblem } from '../needs/problem';
import { formatRollout } from '../rollout/format-rollout';
import { rolloutPlan } from '../rollout/rollout-plan';
import { selectStrategy } from '../strategy/select';
import { needsFilePath, readNeedsFile } from './read-needs-file';

/** The options of the command. */
export interface RolloutOptions {
  /** The needs file. @default - $TRACKLAYER_NEEDS, else needs.yaml */
  readonly needs?: string;
  /** Print exactly one JSON object. @default false */
  readonly json?: boolean;
}

/** Where the command writes and what it reads from the environment. */
export interface RolloutIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** Runs the command; a NeedsFileError propagates to runCli, which exits 2. */
export function runRolloutCommand(options: RolloutOptions, io: RolloutIo): void {
  const needsFile = needsFilePath(options.needs, io.env);
  const { needs, warnings } = readNeedsFile(needsFile);
  for (const warning of warnings) io.stderr(`${formatProblem(warning)} (warning)\n`);
  const selection = selectStrategy(needs);
  const plan = rolloutPlan(needs, selection, needsFile);
  io.stdout(options.json ? `${JSON.stringify(plan)}\n` : formatRollout(plan, { project: needs.name, strategy: selection.strategy, needsFile }));
}
