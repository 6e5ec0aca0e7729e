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
 * The output of the bundle is byte-identical to the sources' (test/build/bundle-output.test.ts).
 */
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
 * Bundles every entry point into `outdir` (default dist/).
 * @returns the esbuild result (its metafile lists every input of every bundle)
 */
async function build(outdir = join(ROOT, 'dist')) {
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
    // Dependencies' own source-map comments are dropped; the bundle stays readable instead.
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
}

module.exports = { build, ENTRY_POINTS };

if (require.main === module) {
  build(process.argv[2] ? resolve(process.argv[2]) : undefined).catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
