// The long fuzz run (outside npm test): node scripts/fuzz.mjs [runs] [seed]. Builds first via npm run fuzz.
import { spawnSync } from 'node:child_process';
const [runs = '50000', seed] = process.argv.slice(2);
const env = { ...process.env, FIPSLINT_FUZZ_RUNS: runs, ...(seed ? { FIPSLINT_FUZZ_SEED: seed } : {}) };
const result = spawnSync(process.execPath, ['--test', 'out/test/fuzz.test.js'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
