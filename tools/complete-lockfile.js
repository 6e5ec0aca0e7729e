#!/usr/bin/env node
/**
 * Adds the platform-specific optional packages that package-lock.json lacks.
 *
 * The npm registry mirror these machines reach serves only some platform builds of native
 * packages (@swc/core-*, @unrs/resolver-binding-*); `npm install` then writes a lock file
 * without the others, and `npm ci` refuses it ("Missing: … from lock file"). Every missing
 * package is optional and for another platform, so npm never downloads it here: an entry with
 * its version, os, cpu and libc is all `npm ci` needs. Run after `npm install` changes the lock:
 *   node tools/complete-lockfile.js
 */
const fs = require('node:fs');

const LOCK = 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];
const OSES = { darwin: 'darwin', linux: 'linux', win32: 'win32', freebsd: 'freebsd', android: 'android', openharmony: 'openharmony' };

/** os, cpu and libc from a platform package name such as core-linux-arm-gnueabihf. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OSES[p]);
  const cpu = parts.find((p) => CPUS.includes(p));
  if (!os || !cpu) return undefined;
  const libc = os === 'linux' ? (name.includes('musl') ? ['musl'] : ['glibc']) : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const entry of Object.values(lock.packages)) {
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dependency}`;
    const platform = platformOf(dependency);
    if (lock.packages[key] || !platform) continue;
    lock.packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added += 1;
  }
}
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`${LOCK}: added ${added} platform package entr${added === 1 ? 'y' : 'ies'}\n`);
