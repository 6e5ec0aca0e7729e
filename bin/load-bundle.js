/**
 * Loads a bundle of dist/ (tools/build.js) as `require` would, minus two costs of Node's own
 * CommonJS loader that dominate a short run such as `tracklayer synth`:
 *
 * - **Decoding.** Node reads a module as UTF-8, about 90 ms for the 6.8 MB CLI bundle. The
 *   build guarantees the bundle is ASCII (it fails otherwise), and ASCII read as Latin-1 is
 *   the same text, decoded in a fifth of the time.
 * - **Compiling.** Parsing the bundle is about 170 ms. V8 can skip it with a code cache: the
 *   build runs one synth of needs.yaml through this loader and saves the compiled code
 *   (`<bundle>.cache`, written only when TRACKLAYER_WRITE_CODE_CACHE names the bundle).
 *
 * A code cache is only ever used for the exact bundle it was made from: its first 64 bytes are
 * the SHA-256 of that bundle, compared before use (V8's own check looks at the source's length,
 * not its content, so a rebuilt bundle of the same length would otherwise run stale code).
 * Without a cache, with a stale one, or when V8 rejects it (another Node version, other flags),
 * the bundle is compiled as usual: the cache changes how fast the CLI starts, never what it
 * does. `node dist/cli/main.js` runs the same bundle through Node's loader (with
 * `--enable-source-maps`, stack traces then point into the sources).
 */
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, resolve } = require('node:path');
const vm = require('node:vm');

/** Length of the digest that heads a code cache file (hex SHA-256). */
const DIGEST_LENGTH = 64;

/** The SHA-256 of `bytes`, in hex. */
function digestOf(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The code cache made from exactly `bytes`, or undefined when there is none or it is another bundle's. */
function codeCacheFor(cacheFile, bytes) {
  let cache;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return cache.subarray(0, DIGEST_LENGTH).toString('latin1') === digestOf(bytes) ? cache.subarray(DIGEST_LENGTH) : undefined;
}

/**
 * Runs the bundle at `bundlePath` as the module it is (its `__filename`, `__dirname`, `require`
 * and `module` as Node gives them) and returns whether its code cache was used.
 * @param {string} bundlePath
 * @returns {{ cached: boolean }}
 */
function loadBundle(bundlePath) {
  const filename = resolve(bundlePath);
  const cacheFile = `${filename}.cache`;
  const bytes = readFileSync(filename);
  // ASCII by construction (tools/build.js fails on any other character), so Latin-1 is exact.
  const source = bytes.toString('latin1').replace(/^#!.*/, '');
  const cachedData = codeCacheFor(cacheFile, bytes);
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  if (process.env.TRACKLAYER_WRITE_CODE_CACHE === filename) {
    // After the run, so the cache holds every function the run compiled, not only the top level.
    process.once('exit', () => writeFileSync(cacheFile, Buffer.concat([Buffer.from(digestOf(bytes), 'latin1'), script.createCachedData()])));
  }
  const module_ = new Module(filename, require.main);
  module_.filename = filename;
  module_.paths = Module._nodeModulePaths(dirname(filename));
  require.cache[filename] = module_;
  const wrapper = script.runInThisContext({ displayErrors: true });
  wrapper.call(module_.exports, module_.exports, Module.createRequire(filename), module_, filename, dirname(filename));
  module_.loaded = true;
  return { cached: cachedData !== undefined && !script.cachedDataRejected };
}

module.exports = { loadBundle };

// `node bin/load-bundle.js BUNDLE ARGS...` runs BUNDLE as if it were `node BUNDLE ARGS...` (the build uses it).
if (require.main === module) {
  const [bundle] = process.argv.splice(2, 1);
  process.argv[1] = resolve(bundle);
  loadBundle(bundle);
}
