#!/usr/bin/env node
// Runs the precompiled CLI (compiled by `npm run build`, which `npm ci` runs through `prepare`).
require('../dist/cli/main.js');
