#!/usr/bin/env node
// Runs the bundled CLI (built by `npm run build`, tools/build.js, which `npm ci` runs through
// `prepare`) through ./load-bundle: Node's loader would be about a quarter of a short run.
require('./load-bundle').loadBundle(require('node:path').join(__dirname, '..', 'dist', 'cli', 'main.js'));
