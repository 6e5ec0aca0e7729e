/**
 * The cdktf app entry (cdktf.json runs the compiled dist/main.js): `cdktf synth` and
 * `cdktf deploy` build the same stacks as `tracklayer synth`, through the same buildApp.
 * Reads TRACKLAYER_NEEDS (default needs.yaml); the cdktf CLI chooses the output directory.
 */
import { needsFilePath, readNeedsFile } from './cli/read-needs-file';
import { findingLine } from './cli/format-findings';
import { buildApp, readSynthesizedStacks } from './cli/synthesize';
import { evaluateGuardrails, hasErrors } from './guardrails/evaluate';
import { NeedsFileError, formatProblem } from './needs/problem';
import { selectStrategy } from './strategy/select';

function main(): number {
  try {
    const { needs, warnings } = readNeedsFile(needsFilePath(undefined, process.env));
    for (const warning of warnings) process.stderr.write(`${formatProblem(warning)} (warning)\n`);
    const selection = selectStrategy(needs);
    const { app, written, missing } = buildApp(needs, selection);
    for (const stack of missing) process.stderr.write(`missing role: ${stack.name} (${stack.role}) is not built yet\n`);
    app.synth();
    // The same guardrails as `tracklayer synth`: an error fails `cdktf synth` (and so `cdktf deploy`).
    const report = evaluateGuardrails(readSynthesizedStacks(app.outdir, written), needs.guardrails.suppress, undefined, needs);
    for (const finding of report.findings) process.stderr.write(`${findingLine(finding)}\n`);
    return hasErrors(report) ? 3 : 0;
  } catch (error) {
    if (!(error instanceof NeedsFileError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    return 2;
  }
}

process.exitCode = main();
