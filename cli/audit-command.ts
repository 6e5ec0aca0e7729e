/**
 * `tracklayer audit (--nodes FILE | --kube-context CTX) [--needs FILE] [--json] [--write]`
 * (NEEDS-v1 Amendments v1.1): reads a node list, from a file or from `kubectl get nodes -o json`
 * against a kube context, prints the derived `onPrem` section, the readiness score and the gaps,
 * and with `--write` merges `onPrem` into the needs file (./write-needs).
 *
 * Exit codes: 0 done (also when the cluster has gaps: they are findings, not errors), 2 bad
 * input (a file that is not a node list, kubectl missing or failing, nothing to write, a write
 * that would make the needs file invalid).
 */
import { Option, type Command } from 'commander';
import { stringify } from 'yaml';
import { AuditInputError } from '../audit/audit-input-error';
import { auditJson, auditNodes, type AuditReport } from '../audit/audit';
import { NODE_LIST_EXPECTED, parseNodeList, type ClusterNode } from '../audit/node-list';
import { onPremEdits } from '../audit/on-prem-edits';
import { formatProblem, type LocatedProblem } from '../needs/problem';
import { EXIT } from './exit-codes';
import { InputFileError, parseJsonText, readJsonFile, type JsonInput } from './json-input';
import { KubectlError, fetchNodeList, kubectlFrom, type Kubectl } from './kubectl';
import { needsFilePath } from './read-needs-file';
import type { CliIo } from './run-cli';
import { writeNeeds } from './write-needs';

/** The command's options. */
export interface AuditOptions {
  /** A `kubectl get nodes -o json` file. @default - none: then kubeContext is required */
  readonly nodes?: string;
  /** A kube context to run kubectl against. @default - none: then nodes is required */
  readonly kubeContext?: string;
  /** The needs file `--write` changes. @default - $TRACKLAYER_NEEDS, else needs.yaml */
  readonly needs?: string;
  /** Print exactly one JSON object. @default false */
  readonly json?: boolean;
  /** Merge onPrem into the needs file. @default false */
  readonly write?: boolean;
}

/** The fields of `onPrem` a node list cannot know. */
const NOT_FROM_NODES = ['networkCidr', 'vpnPeerIp', 'podCidr'];

/** The node list: from the file, or fetched with kubectl. */
function readNodeList(options: AuditOptions, kubectl: { readonly binary: string; readonly run: Kubectl }): JsonInput {
  if (options.nodes !== undefined) return readJsonFile(options.nodes, NODE_LIST_EXPECTED);
  const context = options.kubeContext as string;
  return parseJsonText(fetchNodeList(kubectl, context), `kubectl get nodes --context=${context}`, NODE_LIST_EXPECTED);
}

/** The nodes of the list, or its problems placed in the input. */
function nodesOf(input: JsonInput): ClusterNode[] {
  try {
    return parseNodeList(input.value);
  } catch (error) {
    if (error instanceof AuditInputError) throw new InputFileError(error.problems.map((p) => input.place(p)));
    throw error;
  }
}

/** The report for people. */
export function auditText(report: AuditReport, source: string): string {
  const lines = [`audit of ${report.nodes.length} node(s) from ${source}`];
  if (report.onPrem) lines.push(stringify({ onPrem: report.onPrem }).trimEnd());
  else lines.push('onPrem: none (no node carries an accelerator the catalog knows)');
  lines.push(`readiness: ${report.score}/100`);
  if (report.gaps.length === 0) lines.push('gaps: none');
  else lines.push('gaps:', ...report.gaps.map((g) => `  - ${g.id} (-${g.weight}): ${g.detail}`));
  const width = Math.max(0, ...report.nodes.map((n) => n.name.length));
  lines.push('nodes:', ...report.nodes.map((n) => `  ${n.name.padEnd(width)}  ${n.gpus} GPU${n.gpus === 1 ? '' : 's'}${n.product ? `  ${n.product}` : ''}`));
  return `${lines.join('\n')}\n`;
}

/** What to add by hand when the merged section is still incomplete. */
function refusalHints(fromKubeContext: boolean): (problems: readonly LocatedProblem[]) => string[] {
  return (problems) => {
    const required = problems.filter((p) => p.path[0] === 'onPrem' && p.path.length === 2 && /^is required|needs onPrem\./.test(p.message));
    const fields = required.map((p) => (p.message.includes('needs onPrem.podCidr') ? 'podCidr' : String(p.path[1])));
    const missing = [...new Set(fields)].filter((field) => NOT_FROM_NODES.includes(field) || (field === 'kubeContext' && !fromKubeContext));
    if (missing.length === 0) return [];
    return [`audit: a node list does not tell onPrem.${missing.join(', onPrem.')}; add ${missing.length === 1 ? 'it' : 'them'} to the needs file, then run audit --write again`];
  };
}

/** Runs the command; returns the exit code. `kubectl` is injectable for tests. */
export function runAudit(options: AuditOptions, io: CliIo, kubectl = kubectlFrom(io.env)): number {
  if ((options.nodes === undefined) === (options.kubeContext === undefined)) {
    io.stderr('audit: give the nodes with --nodes FILE (kubectl get nodes -o json > FILE) or --kube-context CTX\n');
    return EXIT.badInput;
  }
  let input: JsonInput;
  let report: AuditReport;
  try {
    input = readNodeList(options, kubectl);
    report = auditNodes(nodesOf(input), { kubeContext: options.kubeContext });
  } catch (error) {
    if (error instanceof InputFileError) {
      for (const problem of error.problems) io.stderr(`${formatProblem(problem)}\n`);
      return EXIT.badInput;
    }
    if (error instanceof KubectlError) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
  io.stdout(options.json ? `${JSON.stringify(auditJson(report))}\n` : auditText(report, input.file));
  if (!options.write) return EXIT.ok;
  const say = (line: string) => (options.json ? io.stderr : io.stdout)(`${line}\n`);
  const file = needsFilePath(options.needs, io.env);
  if (!report.onPrem) {
    say(`${file}: --write refused: the cluster has no GPU node of an accelerator the catalog knows, so there is no onPrem section to write; it is unchanged`);
    return EXIT.badInput;
  }
  return writeNeeds(
    file,
    (current) => {
      const merge = onPremEdits(report, (current as Record<string, unknown> | undefined)?.onPrem);
      for (const note of merge.kept) say(`audit: ${note}`);
      return merge.edits;
    },
    say,
    refusalHints(options.kubeContext !== undefined),
  );
}

/** Adds `audit` to the program; `exit` ends the command with a code other than 0. */
export function defineAuditCommand(program: Command, io: CliIo, exit: (code: number) => void): void {
  program
    .command('audit')
    .description('Read a cluster node list and derive the onPrem section, a readiness score and the gaps (--write merges onPrem into the needs file)')
    .addOption(new Option('--nodes <file>', 'a node list: kubectl get nodes -o json > FILE').conflicts('kubeContext'))
    .addOption(new Option('--kube-context <ctx>', 'run kubectl get nodes -o json against this kubeconfig context ($TRACKLAYER_KUBECTL names the binary)').conflicts('nodes'))
    .option('--needs <file>', 'the needs file --write changes (default: $TRACKLAYER_NEEDS or needs.yaml)')
    .option('--json', 'print exactly one JSON object (NEEDS-v1.1)')
    .option('--write', 'merge onPrem into the needs file, keeping its comments and key order')
    .action((options: AuditOptions) => exit(runAudit(options, io)));
}
