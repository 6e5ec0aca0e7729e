import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/run-cli';

const work = mkdtempSync(join(tmpdir(), 'tracklayer-synth-'));
const ROOT = process.cwd();

/** Runs `fn` with the process in `dir` (the CLI resolves --out against the current directory). */
function inDirectory<T>(dir: string, fn: () => T): T {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return fn();
  } finally {
    process.chdir(previous);
  }
}

describe('tracklayer synth', () => {
  test('writes DIR/stacks/<stack>/cdk.tf.json for each built stack and names missing roles on stderr', () => {
    const out = join(work, 'out-cloud-first');
    const run = cli(['synth', '--needs', 'examples/cloud-first.yaml', '--out', out]);
    expect(run.code).toBe(0);
    expect(readdirSync(join(out, 'stacks'))).toContain('lumen-research-network');
    const json = JSON.parse(readFileSync(join(out, 'stacks', 'lumen-research-network', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.resource)).toContain('aws_vpc');
    const built = readdirSync(join(out, 'stacks'));
    const missingLines = run.stderr.split('\n').filter((l) => l.startsWith('missing role: '));
    // every stack of the selection is either written or named as missing, never both
    const selection = JSON.parse(cli(['select', '--needs', 'examples/cloud-first.yaml', '--json']).stdout);
    for (const stack of selection.stacks) {
      const written = built.includes(stack.name);
      const missing = missingLines.some((l) => l.startsWith(`missing role: ${stack.name} (`));
      expect(written !== missing).toBe(true);
    }
  });

  test('the same needs file gives byte-identical output', () => {
    const a = join(work, 'det-a');
    const b = join(work, 'det-b');
    cli(['synth', '--needs', 'needs.yaml', '--out', a]);
    cli(['synth', '--needs', 'needs.yaml', '--out', b]);
    for (const stack of readdirSync(join(a, 'stacks'))) {
      expect(readFileSync(join(b, 'stacks', stack, 'cdk.tf.json'), 'utf8')).toBe(readFileSync(join(a, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    }
  });

  test('a bad needs file writes nothing and leaves an existing output untouched', () => {
    const out = join(work, 'keep');
    mkdirSync(out);
    writeFileSync(join(out, 'marker'), 'old');
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: tracklayer/v1\nname: acme-ml\ncloud:\n  region: mars-1\n');
    const run = cli(['synth', '--needs', bad, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/:4:11: cloud\.region: must be an AWS region code/);
    expect(readdirSync(out)).toEqual(['marker']);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  test('a new synth replaces an earlier output completely, and records its provenance', () => {
    const out = join(work, 'replace');
    expect(cli(['synth', '--needs', 'needs.yaml', '--out', out]).code).toBe(0);
    expect(cli(['synth', '--needs', 'examples/cloud-first.yaml', '--out', out]).code).toBe(0);
    expect(readdirSync(join(out, 'stacks')).every((s) => s.startsWith('lumen-research-'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.tracklayer).toMatchObject({ tool: 'tracklayer', project: 'lumen-research', strategy: 'cloud-first', needsSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.tracklayer.stacks).toEqual(readdirSync(join(out, 'stacks')).sort((a: string, b: string) => manifest.tracklayer.stacks.indexOf(a) - manifest.tracklayer.stacks.indexOf(b)));
    expect(Object.keys(manifest.stacks).sort()).toEqual([...manifest.tracklayer.stacks].sort()); // cdktf's own keys are kept
  });
});

/** Every file under `dir` with its bytes (symlinks as their target), to prove a refused run changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string, rel: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) files[rel] = `-> ${readlinkSync(path)}`;
    else if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry), rel ? `${rel}/${entry}` : entry);
    else files[rel] = readFileSync(path, 'base64');
  };
  walk(dir, '');
  return files;
}

describe('tracklayer synth --out: never replaces what tracklayer did not write (exit 2, nothing touched)', () => {
  function refused(out: string) {
    const parent = join(out, '..');
    const before = snapshot(parent);
    const run = cli(['synth', '--needs', 'needs.yaml', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(snapshot(parent)).toEqual(before);
    return run.stderr;
  }

  test('a directory holding a git clone', () => {
    const clone = join(mkdtempSync(join(tmpdir(), 'tl-clone-')), 'repo');
    mkdirSync(join(clone, '.git', 'objects'), { recursive: true });
    writeFileSync(join(clone, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(clone, 'README.md'), '# mine\n');
    expect(refused(clone)).toMatch(/repo: is not empty and not a tracklayer output \(it holds \.git, README\.md\); tracklayer replaces its output directory as a whole, so name an empty or new directory/);
  });

  test('`--out .` in a clone: the current directory', () => {
    const clone = mkdtempSync(join(tmpdir(), 'tl-dot-'));
    mkdirSync(join(clone, '.git'));
    writeFileSync(join(clone, 'notes.txt'), 'keep me');
    const before = snapshot(clone);
    const run = inDirectory(clone, () => cli(['synth', '--needs', join(ROOT, 'needs.yaml'), '--out', '.']));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^\.: is the current directory or one of its parents/);
    expect(snapshot(clone)).toEqual(before);
  });

  test('a directory of user files', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tl-user-')), 'docs');
    mkdirSync(join(dir, 'deep'), { recursive: true });
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) writeFileSync(join(dir, name), name);
    expect(refused(dir)).toMatch(/docs: is not empty and not a tracklayer output \(it holds a\.txt, b\.txt, c\.txt and 2 more\)/);
  });

  test('a regular file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tl-file-')), 'out.json');
    writeFileSync(file, '{"mine": true}');
    expect(refused(file)).toMatch(/out\.json: is a file, not a directory/);
  });

  test('a symbolic link, even to an earlier output', () => {
    const parent = mkdtempSync(join(tmpdir(), 'tl-link-'));
    expect(cli(['synth', '--needs', 'needs.yaml', '--out', join(parent, 'real')]).code).toBe(0);
    symlinkSync(join(parent, 'real'), join(parent, 'link'));
    expect(refused(join(parent, 'link'))).toMatch(/link: is a symbolic link; name the directory itself/);
  });

  test('an earlier output with a file the user added, or with Terraform state in a stack folder', () => {
    const parent = mkdtempSync(join(tmpdir(), 'tl-earlier-'));
    const out = join(parent, 'cdktf.out');
    expect(cli(['synth', '--needs', 'needs.yaml', '--out', out]).code).toBe(0);
    writeFileSync(join(out, 'NOTES.md'), 'mine');
    expect(refused(out)).toMatch(/cdktf\.out: is an earlier tracklayer output but also holds NOTES\.md, which tracklayer did not write/);
    rmSync(join(out, 'NOTES.md'));
    writeFileSync(join(out, 'stacks', 'acme-ml-network', 'terraform.tfstate'), '{}');
    expect(refused(out)).toMatch(/holds Terraform state in stacks\/acme-ml-network \(terraform\.tfstate\)/);
  });

  test('an earlier output is replaced; Terraform\'s working files in it go with it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tl-replace-')), 'cdktf.out');
    expect(cli(['synth', '--needs', 'needs.yaml', '--out', out]).code).toBe(0);
    mkdirSync(join(out, 'stacks', 'acme-ml-network', '.terraform'));
    writeFileSync(join(out, 'stacks', 'acme-ml-network', '.terraform.lock.hcl'), '# lock');
    expect(cli(['synth', '--needs', 'needs.yaml', '--out', out]).code).toBe(0);
    expect(existsSync(join(out, 'stacks', 'acme-ml-network', '.terraform'))).toBe(false);
  });

  test('an empty directory is used', () => {
    const out = mkdtempSync(join(tmpdir(), 'tl-empty-'));
    expect(cli(['synth', '--needs', 'needs.yaml', '--out', out]).code).toBe(0);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });

  test('an impossible or unwritable path: exit 2 with a message, not a stack trace', () => {
    const run = cli(['synth', '--needs', 'needs.yaml', '--out', '/proc/tracklayer-out']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^\/proc\/tracklayer-out: cannot be written \(E[A-Z]+ in \/proc\); name a directory you can write\n$/);
    const under = join(mkdtempSync(join(tmpdir(), 'tl-under-file-')), 'file');
    writeFileSync(under, 'x');
    const nested = cli(['synth', '--needs', 'needs.yaml', '--out', join(under, 'out')]);
    expect(nested.code).toBe(2);
    expect(nested.stderr).not.toMatch(/internal error|at \w+ \(/);
  });
});
