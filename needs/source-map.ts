/**
 * Maps field paths of a parsed YAML document back to line and column, so every problem is
 * reported where the user wrote the value (or, when a field is missing, where its parent is).
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { FieldPath, LocatedProblem, Problem } from './problem';

/** A position in the source, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Locates field paths in one YAML (or JSON) document. */
export class SourceMap {
  constructor(
    private readonly file: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** The position of the value at `path`, of its key with `atKey`, or of the nearest ancestor that exists. */
  locate(path: FieldPath, atKey = false): SourcePosition {
    let node: unknown = this.document.contents;
    let offset = rangeStart(node) ?? 0;
    for (const [index, part] of path.entries()) {
      const isLast = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(part));
        if (!pair) break;
        const keyOffset = rangeStart(pair.key);
        offset = (atKey && isLast) || pair.value === null ? (keyOffset ?? offset) : (rangeStart(pair.value) ?? keyOffset ?? offset);
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
        node = node.items[part];
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    return this.position(offset);
  }

  /** The problem placed at its position in this file. */
  place(problem: Problem): LocatedProblem {
    const { line, column } = this.locate(problem.path, problem.atKey);
    return { ...problem, file: this.file, line, column };
  }

  /** A problem at a character offset (YAML syntax errors), with the path of the field around it. */
  placeAt(offset: number, message: string): LocatedProblem {
    const { line, column } = this.position(offset);
    return { path: this.pathAt(offset), message, file: this.file, line, column };
  }

  /** The path of the innermost key/value pair or list item that spans `offset`. */
  pathAt(offset: number): FieldPath {
    const path: (string | number)[] = [];
    let node: unknown = this.document.contents;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((item) => spans(item.key, item.value, offset));
        if (!pair) return path;
        path.push(keyText(pair.key) ?? '?');
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => spans(item, item, offset));
        if (index < 0) return path;
        path.push(index);
        node = node.items[index];
      } else {
        return path;
      }
    }
  }

  /** Line and column of a character offset. */
  position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function spans(first: unknown, last: unknown, offset: number): boolean {
  const start = rangeStart(first);
  const end = (last as Node | null)?.range?.[2] ?? (first as Node | null)?.range?.[2];
  return start !== undefined && end !== undefined && start <= offset && offset <= end;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}
