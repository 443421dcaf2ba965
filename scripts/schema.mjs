// Writes schemas/fipslint.config.schema.json from the rules (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { RULES } = require('../out/rules/index.js');
const { configSchema } = require('../out/server/src/engine/index.js');
writeFileSync(new URL('../schemas/fipslint.config.schema.json', import.meta.url), JSON.stringify(configSchema(RULES), null, 2) + '\n');
console.log('wrote schemas/fipslint.config.schema.json');
