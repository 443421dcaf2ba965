import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../rules';
import type { RuleCases } from '../server/src/engine/rule';
import { runRuleCases } from './rule-tester';

// Every rule's cases live in its folder: rules/<id>/cases.ts.
for (const rule of RULES) {
  const casesFile = path.join(__dirname, '..', 'rules', rule.meta.id, 'cases.js');
  if (!fs.existsSync(casesFile)) throw new Error(`rules/${rule.meta.id}/cases.ts is missing`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cases } = require(casesFile) as { cases: RuleCases };
  runRuleCases(rule, cases);
}
