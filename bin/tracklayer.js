#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build`, tools/build.js, which `npm ci` runs through `prepare`).
require('../dist/cli/main.js');
