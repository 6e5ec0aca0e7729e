#!/usr/bin/env node
/** Entry point of the `tracklayer` binary (bin/tracklayer.js loads its bundle, dist/cli/main.js). */
import { runCliAsync } from './run-cli';

void runCliAsync(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
