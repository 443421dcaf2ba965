import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'Ed25519 is approved under FIPS 140-3 (FIPS 186-5)', code: `import crypto from 'crypto';\ncrypto.generateKeyPairSync('ed25519');` },
    { code: `await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign']);` },
  ],
  invalid: [
    {
      profile: 'fips-140-2',
      code: `import crypto from 'crypto';\nconst { privateKey } = crypto.generateKeyPairSync('ed25519');`,
      errors: [{ line: 2, text: "'ed25519'", message: 'FIPS 186-4' }],
      output: null,
    },
    {
      profile: 'cnsa-2.0',
      code: `await crypto.subtle.sign('Ed448', key, data);`,
      errors: [{ line: 1, text: "'Ed448'" }],
      output: null,
    },
  ],
};
