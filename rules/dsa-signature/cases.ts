import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import crypto from 'crypto';\ncrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });`,
    { name: 'DSA (2048, 256) under FIPS 140-2', profile: 'fips-140-2', code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });` },
  ],
  invalid: [
    {
      code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });`,
      errors: [{ line: 2, text: "'dsa'", message: 'FIPS 186-5' }],
      output: null,
    },
    {
      profile: 'fips-140-2',
      code: `import crypto from 'crypto';\ncrypto.generateKeyPair('dsa', { modulusLength: 1024, divisorLength: 160 }, cb);`,
      errors: [{ line: 2, text: '1024' }],
      output: null,
    },
  ],
};
