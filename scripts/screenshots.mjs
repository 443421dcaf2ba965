// Runs the browser tests with FIPSLINT_UPDATE_SCREENSHOTS=1: they replace README's images in images/
// with what they saw (`npm run screenshots`; run `npm run build` and the bundle first).
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['--test', 'out/test/vscode-e2e.test.js', 'out/test/html-report.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, FIPSLINT_UPDATE_SCREENSHOTS: '1' },
});
