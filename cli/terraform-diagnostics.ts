/**
 * Terraform's diagnostics from machine-readable output (`terraform validate -json`, one JSON
 * document; `terraform test -json`, one JSON object a line), and the stack each belongs to in a
 * combined root (./combined-root), where every stack is a module named after it in a folder of
 * the same name.
 */
import { sameKeyLine, type JsonKeyLines } from './json-key-lines';

/** One error or warning Terraform reported. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail: string;
  /** The address of the block (`module.<stack>.aws_vpc.x`), when Terraform names one. */
  readonly address?: string;
  /** The file and line of the configuration, when Terraform names them. */
  readonly filename?: string;
  readonly line?: number;
}

interface RawDiagnostic {
  readonly severity?: string;
  readonly summary?: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename?: string; readonly start?: { readonly line?: number } };
}

function diagnostic(raw: RawDiagnostic): Diagnostic {
  return {
    severity: raw.severity === 'warning' ? 'warning' : 'error',
    summary: raw.summary ?? '',
    detail: raw.detail ?? '',
    ...(raw.address ? { address: raw.address } : {}),
    ...(raw.range?.filename ? { filename: raw.range.filename } : {}),
    ...(raw.range?.start?.line !== undefined ? { line: raw.range.start.line } : {}),
  };
}

/** The diagnostics of `terraform validate -json` output (none when it is not that document). */
export function validateDiagnostics(output: string): Diagnostic[] {
  const start = output.indexOf('{');
  if (start < 0) return [];
  try {
    const document = JSON.parse(output.slice(start)) as { diagnostics?: RawDiagnostic[] };
    return (document.diagnostics ?? []).map(diagnostic);
  } catch {
    return [];
  }
}

/** The diagnostics of `terraform test -json` output (its lines of type `diagnostic`). */
export function testDiagnostics(output: string): Diagnostic[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      const event = JSON.parse(line) as { type?: string; diagnostic?: RawDiagnostic };
      return event.type === 'diagnostic' && event.diagnostic ? [diagnostic(event.diagnostic)] : [];
    } catch {
      return [];
    }
  });
}

/** The errors among diagnostics. */
export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** A diagnostic as Terraform prints it for people. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.address ? `with ${d.address}` : undefined, d.filename ? `on ${d.filename}${d.line !== undefined ? ` line ${d.line}` : ''}` : undefined].filter(Boolean);
  return [`${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`, ...where.map((w) => `  ${w}`), ...(d.detail ? [d.detail] : [])].join('\n');
}

/** Diagnostics as text, or `fallback` (the raw output) when there are none to show. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], fallback: string): string {
  return diagnostics.length > 0 ? diagnostics.map(formatDiagnostic).join('\n\n') : fallback.trim();
}

/**
 * The member of a combined root a diagnostic belongs to: the module its address names, else the
 * folder its file is in; undefined when it names neither (the root's own configuration).
 */
export function memberOf(d: Diagnostic, members: readonly string[]): string | undefined {
  const fromAddress = d.address ? /^module\.([^.[\]]+)/.exec(d.address)?.[1] : undefined;
  if (fromAddress && members.includes(fromAddress)) return fromAddress;
  const folder = d.filename?.split('/')[0];
  return folder && d.filename!.includes('/') && members.includes(folder) ? folder : undefined;
}

/**
 * A diagnostic of a copy of `stack` that verify checked (its module in a combined root, or the
 * part of it the mirror's providers can verify), told as of the stack's synthesized file
 * `stacks/<stack>/cdk.tf.json`, the one the user can open: the line on which the same key begins
 * there (none when the key is not found), and the address without the combined root's
 * `module.<stack>.` prefix. `copyFile` is the copy's file as Terraform names it.
 */
export function inStackFile(d: Diagnostic, stack: string, copyFile: string, copy: JsonKeyLines, synthesized: JsonKeyLines): Diagnostic {
  const prefix = `module.${stack}.`;
  const { line: copyLine, address, filename, ...rest } = d;
  const located = { ...rest, ...(address ? { address: address.startsWith(prefix) ? address.slice(prefix.length) : address } : {}) };
  if (filename !== copyFile) return { ...located, ...(filename ? { filename } : {}), ...(copyLine !== undefined ? { line: copyLine } : {}) };
  const line = copyLine === undefined ? undefined : sameKeyLine(copyLine, copy, synthesized);
  return { ...located, filename: `stacks/${stack}/cdk.tf.json`, ...(line !== undefined ? { line } : {}) };
}
