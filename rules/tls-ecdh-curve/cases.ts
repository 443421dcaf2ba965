import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [`import tls from 'tls';\ntls.createServer({ ecdhCurve: 'P-256:P-384:P-521' });`, `import tls from 'tls';\ntls.createServer({ ecdhCurve: 'X25519MLKEM768:P-256' });`],
  invalid: [
    {
      code: `import tls from 'tls';\ntls.createServer({ key, cert, ecdhCurve: 'X25519:P-256' });`,
      errors: [{ line: 2, text: "'X25519:P-256'", severity: 'error' }],
      output: `import tls from 'tls';\ntls.createServer({ key, cert, ecdhCurve: 'P-256:P-384:P-521' });`,
    },
    {
      code: `import https from 'https';\nhttps.createServer({ ecdhCurve: 'auto' }, app);`,
      errors: [{ line: 2, text: "'auto'", severity: 'warning' }],
      output: `import https from 'https';\nhttps.createServer({ ecdhCurve: 'P-256:P-384:P-521' }, app);`,
    },
    {
      code: `import tls from 'tls';\ntls.DEFAULT_ECDH_CURVE = 'secp256k1';`,
      errors: [{ line: 2, text: "'secp256k1'" }],
      output: `import tls from 'tls';\ntls.DEFAULT_ECDH_CURVE = 'P-256:P-384:P-521';`,
    },
  ],
};
