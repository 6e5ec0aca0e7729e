/**
 * Every link in the user-facing documents resolves inside a clone: a relative link names a file
 * or folder git tracks (nothing outside the repository, such as ../shared), and a link to a
 * heading names a heading that exists.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const DOCUMENTS = ['README.md', 'RULES.md', 'NEEDS.md'];
const tracked = new Set(execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean));
const trackedFolders = new Set([...tracked].flatMap((file) => file.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

function links(text: string): string[] {
  const withoutCode = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

describe.each(DOCUMENTS)('%s', (document) => {
  const text = readFileSync(document, 'utf8');
  const headings = new Set(text.split('\n').filter((line) => /^#{1,6} /.test(line)).map((line) => anchorOf(line.replace(/^#+ /, ''))));

  test('is tracked by git', () => {
    expect(tracked.has(document)).toBe(true);
  });

  test('every relative link names a tracked file or folder, every anchor a heading', () => {
    const broken = links(text)
      .filter((link) => !/^[a-z]+:/.test(link))
      .filter((link) => {
        const [path, anchor] = link.split('#');
        if (path === '') return !headings.has(anchor);
        const clean = path.replace(/^\.\//, '').replace(/\/$/, '');
        return !(tracked.has(clean) || trackedFolders.has(clean));
      });
    expect(broken).toEqual([]);
  });
});
