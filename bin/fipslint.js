#!/usr/bin/env node
'use strict';
const path = require('node:path');
let cli;
try {
  cli = require(path.join(__dirname, '..', 'out', 'server', 'src', 'cli', 'main.js'));
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('fipslint: not built yet; run `npm install` (or `npm run build`) in the fipslint folder first\n');
    process.exit(2);
  }
  throw error;
}
process.exitCode = cli.runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY,
});
