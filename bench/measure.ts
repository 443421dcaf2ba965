import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Runs a Node program in this process and, when it exits, writes what only the process itself
 * can tell: its peak resident set (all threads) and CPU time. Usage: measure.js <result.json> <script> [args...]
 */
const [resultFile, script, ...args] = process.argv.slice(2);
const entry = path.resolve(script);
process.argv = [process.argv[0], entry, ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  fs.writeFileSync(resultFile, JSON.stringify({ maxRssMb: usage.maxRSS / 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
require(entry);
