/**
 * tracklayer's own version (package.json `version`): printed by `--version` and recorded in every
 * synth output's manifest, so an output made by another version is recognised as stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'tracklayer';

/**
 * The version in the package.json of this package, found by walking up from this file (the
 * source tree under Jest, dist/cli when compiled, or a bundle's folder).
 */
export function tracklayerVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) throw new Error(`the ${PACKAGE_NAME} package.json was not found above ${from}`);
  }
}
