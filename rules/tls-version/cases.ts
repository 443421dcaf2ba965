import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    `import tls from 'tls';\ntls.createServer({ minVersion: 'TLSv1.2', key, cert });`,
    `import https from 'https';\nhttps.createServer({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' }, app);`,
    `import tls from 'tls';\ntls.DEFAULT_MIN_VERSION = 'TLSv1.2';`,
    { name: 'a string that is not a TLS option', code: `const label = { minVersion: 'TLSv1' };\nshow(label);` },
    { name: 'a client library at TLS 1.2', code: `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString, ssl: { ca, minVersion: 'TLSv1.2' } });` },
  ],
  invalid: [
    {
      name: 'a Sequelize configuration module: ssl options no call receives in the file',
      filename: 'case.js',
      code: `module.exports = {\n  production: { dialect: 'postgres', dialectOptions: { ssl: { minVersion: 'TLSv1.1' } } },\n};`,
      errors: [{ line: 2, text: "'TLSv1.1'" }],
      output: `module.exports = {\n  production: { dialect: 'postgres', dialectOptions: { ssl: { minVersion: 'TLSv1.2' } } },\n};`,
    },
    {
      name: 'pg: ssl options carry TLS versions',
      code: `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString, ssl: { ca, minVersion: 'TLSv1' } });`,
      errors: [{ line: 2, text: "'TLSv1'", severity: 'error' }],
      output: `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString, ssl: { ca, minVersion: 'TLSv1.2' } });`,
    },
    {
      name: 'Sequelize: dialectOptions.ssl',
      code: `import { Sequelize } from 'sequelize';\nexport const db = new Sequelize(url, { dialect: 'mysql', dialectOptions: { ssl: { secureProtocol: 'TLSv1_1_method' } } });`,
      errors: [{ line: 2, text: "'TLSv1_1_method'" }],
      output: `import { Sequelize } from 'sequelize';\nexport const db = new Sequelize(url, { dialect: 'mysql', dialectOptions: { ssl: { minVersion: 'TLSv1.2' } } });`,
    },
    {
      name: 'got: https options, in a constant of another module',
      code: `import got from 'got';\nconst HTTPS = { maxVersion: 'TLSv1.1' };\nexport const client = got.extend({ prefixUrl, https: HTTPS });`,
      errors: [{ line: 2, text: "'TLSv1.1'" }],
      output: `import got from 'got';\nconst HTTPS = { maxVersion: 'TLSv1.3' };\nexport const client = got.extend({ prefixUrl, https: HTTPS });`,
    },
    {
      name: 'undici: connect options',
      code: `import { Agent } from 'undici';\nexport const agent = new Agent({ connect: { minVersion: 'TLSv1.1' } });`,
      errors: [{ line: 2, text: "'TLSv1.1'" }],
      output: `import { Agent } from 'undici';\nexport const agent = new Agent({ connect: { minVersion: 'TLSv1.2' } });`,
    },
    {
      name: "SSLv23_method caps TLS at 1.2 on Node 20 (a TLS 1.3-only peer is refused), like maxVersion: 'TLSv1.2'",
      code: `import https from 'https';\nhttps.createServer({ key, cert, secureProtocol: 'SSLv23_server_method' }, app);`,
      errors: [{ line: 2, text: "'SSLv23_server_method'", severity: 'info', message: 'caps TLS at 1.2' }],
      output: `import https from 'https';\nhttps.createServer({ key, cert, minVersion: 'TLSv1.2' }, app);`,
    },
    {
      code: `import https from 'https';\nhttps.createServer({ key, cert, minVersion: 'TLSv1' }, app);`,
      errors: [{ line: 2, text: "'TLSv1'", severity: 'error' }],
      output: `import https from 'https';\nhttps.createServer({ key, cert, minVersion: 'TLSv1.2' }, app);`,
    },
    {
      code: `import tls from 'tls';\ntls.DEFAULT_MIN_VERSION = "TLSv1.1";`,
      errors: [{ line: 2, text: '"TLSv1.1"' }],
      output: `import tls from 'tls';\ntls.DEFAULT_MIN_VERSION = "TLSv1.2";`,
    },
    {
      code: `const tls = require('tls');\nconst ctx = tls.createSecureContext({ secureProtocol: 'TLSv1_method' });`,
      errors: [{ line: 2, text: "'TLSv1_method'" }],
      output: `const tls = require('tls');\nconst ctx = tls.createSecureContext({ minVersion: 'TLSv1.2' });`,
    },
    {
      name: 'pinning TLS 1.2 is allowed but rules out TLS 1.3',
      code: `import tls from 'tls';\ntls.connect({ host, port, maxVersion: 'TLSv1.2' });`,
      errors: [{ line: 2, text: "'TLSv1.2'", severity: 'info' }],
      output: `import tls from 'tls';\ntls.connect({ host, port, maxVersion: 'TLSv1.3' });`,
    },
    {
      code: `import http2 from 'http2';\nhttp2.createSecureServer({ secureProtocol: 'SSLv3_method', key, cert });`,
      errors: [{ line: 2, text: "'SSLv3_method'" }],
      output: `import http2 from 'http2';\nhttp2.createSecureServer({ minVersion: 'TLSv1.2', key, cert });`,
    },
  ],
};
