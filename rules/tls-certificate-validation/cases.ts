import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import https from 'https';\nconst agent = new https.Agent({ ca: fs.readFileSync('ca.pem'), rejectUnauthorized: true });`,
    `import tls from 'tls';\ntls.connect({ host, port, checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) });`,
    `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';`,
    { name: 'an unrelated object with the same key', code: `const settings = { rejectUnauthorized: false };\nrender(settings);` },
    { name: 'a checkServerIdentity that can fail', code: `import tls from 'tls';\ntls.connect({ checkServerIdentity(host, cert) { if (cert.subject.CN !== host) return new Error('mismatch'); } });` },
  ],
  invalid: [
    {
      code: `import https from 'https';\nconst agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });`,
      errors: [{ line: 2, text: 'false' }],
      output: `import https from 'https';\nconst agent = new https.Agent({ keepAlive: true, rejectUnauthorized: true });`,
    },
    {
      name: 'options spread from a shared object; port and host first',
      code: `import * as tls from 'node:tls';\nconst insecure = { rejectUnauthorized: false };\ntls.connect(8443, 'db.internal', { ...insecure, servername: 'db' });`,
      errors: [{ line: 2, text: 'false' }],
      output: `import * as tls from 'node:tls';\nconst insecure = { rejectUnauthorized: true };\ntls.connect(8443, 'db.internal', { ...insecure, servername: 'db' });`,
    },
    {
      name: 'the environment switch, dot and bracket forms',
      code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nprocess.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;\nstart();`,
      errors: [
        { line: 1, text: "'0'" },
        { line: 2, text: '0' },
      ],
      output: `start();`,
    },
    {
      code: `Object.assign(process.env, { NODE_TLS_REJECT_UNAUTHORIZED: '0', DEBUG: '1' });`,
      errors: [{ line: 1, text: "'0'" }],
      output: `Object.assign(process.env, { DEBUG: '1' });`,
    },
    {
      code: `const https = require('https');\nhttps.request({ hostname: 'api', checkServerIdentity: () => undefined }, onResponse);`,
      errors: [{ line: 2, text: 'checkServerIdentity: () => undefined' }],
      output: `const https = require('https');\nhttps.request({ hostname: 'api' }, onResponse);`,
    },
    {
      code: `import https from 'https';\nhttps.globalAgent.options.rejectUnauthorized = false;`,
      errors: [{ line: 2, text: 'false' }],
      output: `import https from 'https';\nhttps.globalAgent.options.rejectUnauthorized = true;`,
    },
    {
      name: 'an options object changed after it was created',
      code: `import https from 'https';\nconst options: https.RequestOptions = { host: 'internal', port: 8443 };\nif (process.env.DEV) options.rejectUnauthorized = false;\nhttps.request(options, onResponse);`,
      errors: [{ line: 3, text: 'false' }],
      output: `import https from 'https';\nconst options: https.RequestOptions = { host: 'internal', port: 8443 };\nif (process.env.DEV) options.rejectUnauthorized = true;\nhttps.request(options, onResponse);`,
    },
    {
      name: 'options built by a helper function and passed through a wrapper',
      code: `import tls from 'tls';\nfunction insecure() {\n  return { rejectUnauthorized: false };\n}\nfunction open(host: string, options: tls.ConnectionOptions) {\n  return tls.connect(443, host, options);\n}\nopen('db', insecure());`,
      errors: [{ line: 3, text: 'false' }],
      output: `import tls from 'tls';\nfunction insecure() {\n  return { rejectUnauthorized: true };\n}\nfunction open(host: string, options: tls.ConnectionOptions) {\n  return tls.connect(443, host, options);\n}\nopen('db', insecure());`,
    },
    {
      name: 'options merged with Object.assign',
      filename: 'case.js',
      code: `const tls = require('tls');\nconst opts = Object.assign({}, defaults, { rejectUnauthorized: false });\ntls.connect(443, 'h', opts);`,
      errors: [{ line: 2, text: 'false' }],
      output: `const tls = require('tls');\nconst opts = Object.assign({}, defaults, { rejectUnauthorized: true });\ntls.connect(443, 'h', opts);`,
    },
    {
      name: 'the options of an Agent instance changed after creation',
      filename: 'case.js',
      code: `const https = require('https');\nconst proxyAgent = new https.Agent();\nproxyAgent.options.rejectUnauthorized = false;`,
      errors: [{ line: 3, text: 'false' }],
      output: `const https = require('https');\nconst proxyAgent = new https.Agent();\nproxyAgent.options.rejectUnauthorized = true;`,
    },
  ],
};
