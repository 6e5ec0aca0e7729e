/**
 * The cdktf app entry (cdktf.json runs dist/main.js, its bundle): `cdktf synth` and
 * `cdktf deploy` build the same stacks as `tracklayer synth` (cli/cdktf-app.ts).
 */
import { runCdktfApp } from './cli/cdktf-app';

process.exitCode = runCdktfApp(process.env, (text) => process.stderr.write(text));
