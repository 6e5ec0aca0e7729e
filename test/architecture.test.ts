/**
 * The layout is the architecture: data flows one way, needs → strategy → stacks → constructs,
 * with the catalog beside them and the commands (cli, preview and the other command folders)
 * on top. A layer imports only the layers below it; this test reads every import to keep it so.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** What each folder may import from the project (besides itself). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  catalog: [],
  needs: ['catalog'],
  strategy: ['needs', 'catalog'],
  constructs: ['catalog', 'needs'],
  stacks: ['constructs', 'strategy', 'needs', 'catalog'],
  guardrails: ['needs', 'catalog'],
  // Command folders: read the needs model and the layers below it, never another command.
  preview: ['stacks', 'strategy', 'needs', 'catalog'],
  audit: ['needs', 'catalog'],
  optimize: ['needs', 'catalog', 'strategy', 'stacks'],
  rollout: ['stacks', 'constructs', 'strategy', 'needs', 'catalog'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The project folders a file imports from (relative imports only). */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.map((spec) => relative(ROOT, resolve(dirname(file), spec)).split('/')[0]);
}

describe('layering', () => {
  test.each(Object.entries(MAY_IMPORT))('%s/ imports only from its own folder and %p', (folder, allowed) => {
    const offending = sourceFiles(join(ROOT, folder)).flatMap((file) =>
      importedFolders(file)
        .filter((target) => target !== folder && !allowed.includes(target))
        .map((target) => `${relative(ROOT, file)} imports from ${target}/`),
    );
    expect(offending).toEqual([]);
  });
});
