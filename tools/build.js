#!/usr/bin/env node
/**
 * `npm run build` (and so `npm ci`, through `prepare`): bundles each entry point with esbuild
 * into one file under dist/, the project's code and its dependencies together. Type-checking is
 * `tsc --noEmit` (npm run typecheck), not part of the build.
 *
 * Why a bundle: a synth loads about 800 modules and 22 MB of JavaScript when Node resolves and
 * reads them one by one (the jsii-built provider bindings carry inline source maps that double
 * their size); resolution and file reads were about half of a synth of the default needs. One
 * file of about 8 MB is read once, with no resolution. New source files are picked up through
 * the imports; nothing lists them.
 *
 * Two substitutions, each only in the bundle (Jest runs the sources unchanged):
 * - cdktf captures a full stack trace (Error.stackTraceLimit = MAX_SAFE_INTEGER) for every token
 *   it creates: every attribute reference and every nested block of a provider binding, about
 *   40% of the CPU of a 200-site synth and most of its garbage. The traces only decorate the
 *   message of a token that fails to resolve, and never reach the Terraform JSON, so the bundle
 *   records none (cdktf has no switch for it; constructs' own metadata traces are already off
 *   by default). aws-cdk makes the same trade with its `aws:cdk:disable-stack-trace` context.
 * - cdktf's `private/fs.js` loads `archiver` (and its stream libraries) eagerly, for zipping
 *   TerraformAsset directories, which tracklayer never creates; the bundle loads it on first use.
 *
 * The bundle is written without whitespace or comments (identifiers keep their names, so error
 * messages and class names are as in the sources) and in ASCII only: Node decodes a file that
 * is all ASCII several times faster than one with a single other character (113 ms of a 1.1 s
 * synth went to decoding 9.9 MB with 24 such characters, all in comments and one regular
 * expression), and the smaller file (6.8 MB) is read and parsed faster; the build fails on a
 * non-ASCII character, naming where it is. A linked source map (`node --enable-source-maps`)
 * maps a stack trace back to the sources; Node reads it only with that flag.
 *
 * The output of the bundle is byte-identical to the sources' (test/tools/build.test.ts).
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative, resolve } = require('node:path');
const esbuild = require('esbuild');

const ROOT = resolve(__dirname, '..');

/** Entry point → output file under the output directory (the paths bin/, cdktf.json and npm scripts run). */
const ENTRY_POINTS = {
  'cli/main': 'cli/main.ts',
  main: 'main.ts',
  'cli/write-schema': 'cli/write-schema.ts',
  'cli/write-rules': 'cli/write-rules.ts',
  'bench/synth-bench': 'bench/synth-bench.ts',
};

/** cdktf's stack-trace helper (lib/tokens/private/stack-trace.js), replaced by one that records nothing. */
const NO_STACK_TRACES = {
  name: 'cdktf-without-creation-stack-traces',
  setup(build) {
    build.onLoad({ filter: /[\\/]cdktf[\\/]lib[\\/]tokens[\\/]private[\\/]stack-trace\.js$/ }, () => ({
      contents: '"use strict";\nexports.captureStackTrace = function captureStackTrace() { return []; };\n',
      loader: 'js',
    }));
  },
};

/** `require("archiver")` from cdktf's lib/private/fs.js, deferred to the first zip (never, for tracklayer). */
const LAZY_ARCHIVER = {
  name: 'cdktf-lazy-archiver',
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, (args) => {
      if (!/[\\/]cdktf[\\/]lib[\\/]private[\\/]fs\.js$/.test(args.importer)) return undefined;
      // Relative, so the bundle names no folder of the machine that built it.
      return { path: relative(ROOT, require.resolve('archiver', { paths: [args.resolveDir] })), namespace: 'lazy-archiver' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-archiver' }, (args) => ({
      contents: `"use strict";\nmodule.exports = function archiver(...args) { return require(${JSON.stringify(resolve(ROOT, args.path))})(...args); };\n`,
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

/**
 * Bundles every entry point into `outdir` with esbuild.
 * @returns the esbuild result (its metafile lists every input of every bundle)
 */
async function bundle(outdir) {
  return esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Loaded from node_modules at run time: the rehearsal looks provider bindings up by path.
    external: ['@cdktf/provider-aws/package.json'],
    plugins: [NO_STACK_TRACES, LAZY_ARCHIVER],
    // Dependencies' own source-map comments are dropped.
    legalComments: 'none',
    minifyWhitespace: true,
    sourcemap: 'linked',
    // The map names the sources (in the repository and node_modules) rather than copying them.
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
}

/**
 * Throws when a bundle holds a character outside ASCII (esbuild escapes them in strings, not in
 * regular expression literals), naming the bundle and the text around it.
 */
function assertAscii(files) {
  for (const file of files.filter((name) => name.endsWith('.js'))) {
    const bytes = readFileSync(file);
    const at = bytes.findIndex((byte) => byte > 0x7f);
    if (at < 0) continue;
    const around = bytes.subarray(Math.max(0, at - 60), at + 60).toString('utf8');
    throw new Error(`${relative(ROOT, file)} holds a non-ASCII character, which makes Node decode the whole bundle slowly; escape it in the source (\\uXXXX in a regular expression):\n  ...${around}...`);
  }
}

/**
 * Writes the CLI bundle's code cache (bin/load-bundle.js): one synth of needs.yaml through the
 * loader, into a scratch directory, compiles what a run compiles, and the loader saves it on
 * exit, whatever the synth's exit status (a needs file with errors compiles less, never wrong
 * code). Without a cache the CLI compiles as Node would; the build goes on.
 */
function writeCodeCache(cli) {
  const scratch = mkdtempSync(join(tmpdir(), 'tracklayer-code-cache-'));
  rmSync(`${cli}.cache`, { force: true });
  try {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'load-bundle.js'), cli, 'synth', '--needs', join(ROOT, 'needs.yaml'), '--out', join(scratch, 'out')], {
      cwd: ROOT,
      env: { ...process.env, TRACKLAYER_WRITE_CODE_CACHE: cli },
      encoding: 'utf8',
    });
    if (!existsSync(`${cli}.cache`)) {
      process.stderr.write(`build: no code cache for ${relative(ROOT, cli)} (the synth of needs.yaml that makes it exited ${run.status ?? run.signal}); the CLI runs without it:\n${run.stderr}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Bundles every entry point into `outdir` (default dist/), all ASCII, and the CLI's code cache. */
async function build(outdir = join(ROOT, 'dist')) {
  const result = await bundle(outdir);
  assertAscii(Object.keys(result.metafile.outputs).map((file) => resolve(ROOT, file)));
  writeCodeCache(join(outdir, 'cli', 'main.js'));
  return result;
}

module.exports = { build, ENTRY_POINTS };

if (require.main === module) {
  build(process.argv[2] ? resolve(process.argv[2]) : undefined).catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
