// Writes docs/policy.md from the engine's policy tables (run after `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { policyMarkdown } = require('../out/server/src/engine/policy/document.js');
mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(new URL('../docs/policy.md', import.meta.url), policyMarkdown());
console.log('wrote docs/policy.md');
