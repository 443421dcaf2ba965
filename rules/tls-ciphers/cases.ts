import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import tls from 'tls';\ntls.createServer({ ciphers: 'TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384' });`,
    { name: 'exclusions never count', code: `import https from 'https';\nnew https.Agent({ ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:!RC4:!aNULL:!MD5:!3DES' });` },
  ],
  invalid: [
    {
      name: 'nodemailer: the tls options of a transport',
      code: `import nodemailer from 'nodemailer';\nexport const mail = nodemailer.createTransport({ host, port: 587, tls: { ciphers: 'SSLv3' } });`,
      errors: [{ line: 2, text: "'SSLv3'" }],
      output: `import nodemailer from 'nodemailer';\nexport const mail = nodemailer.createTransport({ host, port: 587, tls: { ciphers: 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384' } });`,
    },
    {
      code: `import https from 'https';\nconst server = https.createServer({ ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA:DES-CBC3-SHA' }, app);`,
      errors: [{ line: 2, text: "'ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA:DES-CBC3-SHA'", message: 'RC4' }],
      output: `import https from 'https';\nconst server = https.createServer({ ciphers: 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384' }, app);`,
    },
    {
      name: 'static RSA and ChaCha20 from a joined list',
      code: `import tls from 'tls';\nconst SUITES = ['AES128-SHA', 'TLS_CHACHA20_POLY1305_SHA256'].join(':');\ntls.connect({ ciphers: 'AES256-GCM-SHA384:' + 'ALL' });`,
      errors: [{ line: 3, text: "'AES256-GCM-SHA384:' + 'ALL'" }],
      output: null,
    },
    {
      profile: 'cnsa-2.0',
      code: `import tls from 'tls';\ntls.DEFAULT_CIPHERS = 'eNULL:HIGH';`,
      errors: [{ line: 2, text: "'eNULL:HIGH'" }],
      output: `import tls from 'tls';\ntls.DEFAULT_CIPHERS = 'TLS_AES_256_GCM_SHA384:ECDHE-ECDSA-AES256-GCM-SHA384';`,
    },
    {
      name: 'a list joined with colons',
      code: `import { Agent } from 'https';\nexport const agent = new Agent({ ciphers: ['ECDHE-RSA-AES128-GCM-SHA256', 'DES-CBC3-SHA'].join(':') });`,
      errors: [{ line: 2, text: "['ECDHE-RSA-AES128-GCM-SHA256', 'DES-CBC3-SHA'].join(':')", message: 'DES-CBC3-SHA' }],
      output: null,
    },
  ],
};
