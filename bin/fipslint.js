#!/usr/bin/env node
'use strict';
const path = require('node:path');
// A scan parses thousands of files whose trees die young; V8's default heap growth lets that
// garbage pile up to gigabytes (2 GB peak on the benchmark corpus). Growing the heap by at most
// 10% per collection keeps a scan near its live size (about 300 MB there) at no measurable cost in
// time. It is a soft factor, not a limit: a file that needs more memory still gets it.
require('node:v8').setFlagsFromString('--heap-growing-percent=10');
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
