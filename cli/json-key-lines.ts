/**
 * Where each key and array element of a JSON text begins: its line, as a path (a JSON pointer,
 * `/resource/aws_vpc/vpc/cidr_block`). verify checks copies of a stack (a module of a combined
 * root, or the part of it whose providers the mirror holds) whose lines differ from the stack's
 * synthesized file; a Terraform diagnostic names a line of the copy, and the path found there
 * names the same key in the synthesized file, the one the user can open.
 *
 * A scanner, not a parser: it reads any well-formed JSON layout (cdktf writes stacks with
 * json-stable-stringify, verify writes copies with JSON.stringify) and never throws; on text
 * that is not JSON the lines it cannot place are simply absent.
 */

/** The key lines of a JSON text. */
export interface JsonKeyLines {
  /** The path of the first key or array element that begins on a line (1-based). */
  readonly pathOfLine: ReadonlyMap<number, string>;
  /** The line (1-based) on which the key or element at a path begins. */
  readonly lineOfPath: ReadonlyMap<string, number>;
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly path: string;
  index: number;
  expectKey: boolean;
  key: string;
}

/** A JSON pointer segment (RFC 6901: `~` is `~0`, `/` is `~1`). */
function segment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The index of the closing quote of the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

/** Where each key and array element of `text` begins. */
export function jsonKeyLines(text: string): JsonKeyLines {
  const pathOfLine = new Map<number, string>();
  const lineOfPath = new Map<string, number>();
  const frames: Frame[] = [];
  let line = 1;
  const begin = (path: string) => {
    if (!pathOfLine.has(line)) pathOfLine.set(line, path);
    if (!lineOfPath.has(path)) lineOfPath.set(path, line);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (/\s|:/.test(c)) continue;
    const top = frames[frames.length - 1] as Frame | undefined;
    if (c === ',') {
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectKey = true;
      continue;
    }
    if (c === '}' || c === ']') {
      frames.pop();
      continue;
    }
    if (top?.kind === 'object' && top.expectKey && c === '"') {
      const end = stringEnd(text, i);
      top.key = `${top.path}/${segment(JSON.parse(text.slice(i, end + 1)) as string)}`;
      top.expectKey = false;
      begin(top.key);
      i = end;
      continue;
    }
    // A value begins: an array's element has its own path; an object's value has its key's.
    const path = top === undefined ? '' : top.kind === 'array' ? `${top.path}/${top.index}` : top.key;
    if (top?.kind === 'array') begin(path);
    if (c === '{' || c === '[') frames.push({ kind: c === '{' ? 'object' : 'array', path, index: 0, expectKey: true, key: path });
    else if (c === '"') i = stringEnd(text, i);
    else while (i + 1 < text.length && !/[\s,\]}]/.test(text[i + 1])) i++;
  }
  return { pathOfLine, lineOfPath };
}

/**
 * The line in `target` of what begins on `line` of `source` (two layouts of documents that share
 * the key there), or undefined when nothing begins there or `target` lacks it.
 */
export function sameKeyLine(line: number, source: JsonKeyLines, target: JsonKeyLines): number | undefined {
  const path = source.pathOfLine.get(line);
  return path === undefined ? undefined : target.lineOfPath.get(path);
}
