import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'client libraries with validation on', code: `import { Pool } from 'pg';\nimport { MongoClient } from 'mongodb';\nnew Pool({ ssl: { rejectUnauthorized: true, ca } });\nnew MongoClient('mongodb://h/db?tls=true&tlsAllowInvalidCertificates=false');` },
    { name: 'text that mentions the switch, and a value only known at run time', code: `const hint = 'never set rejectUnauthorized: false';\nexport const ssl = { rejectUnauthorized: process.env.DB_VERIFY !== 'false' };` },
    `import https from 'https';\nconst agent = new https.Agent({ ca: fs.readFileSync('ca.pem'), rejectUnauthorized: true });`,
    `import tls from 'tls';\ntls.connect({ host, port, checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) });`,
    `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';`,
    { name: 'a property that only shares the name, written by assignment', code: `const listeners = {};\nlisteners.checkServerIdentity = (site) => {\n  audit(site);\n};` },
    { name: 'a checkServerIdentity that can fail', code: `import tls from 'tls';\ntls.connect({ checkServerIdentity(host, cert) { if (cert.subject.CN !== host) return new Error('mismatch'); } });` },
  ],
  invalid: [
    {
      name: 'switches written by assignment into options, and an empty identity check',
      filename: 'case.js',
      code: `function parse(url) {\n  const config = {};\n  config.ssl = {};\n  config.ssl.rejectUnauthorized = false;\n  config.ssl.checkServerIdentity = function () {};\n  return config;\n}\nhooks.checkServerIdentity = () => undefined;`,
      errors: [
        { line: 4, text: 'false', severity: 'error' },
        { line: 5, text: 'config.ssl.checkServerIdentity = function () {}', severity: 'error' },
        { line: 8, text: 'hooks.checkServerIdentity = () => undefined', severity: 'error' },
      ],
      output: `function parse(url) {\n  const config = {};\n  config.ssl = {};\n  config.ssl.rejectUnauthorized = true;\n  return config;\n}\n`,
    },
    {
      name: 'a configuration module for a library fipslint does not know, and a ternary',
      filename: 'case.js',
      code: `module.exports = {\n  sequelizeConnectionOptions: { dialect: 'postgres', dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } },\n  ssl: process.env.NODE_ENV === 'production' ? { rejectUnauthorized: true } : { rejectUnauthorized: false },\n};`,
      errors: [
        { line: 2, text: 'false', severity: 'error' },
        { line: 3, text: 'false', severity: 'error' },
      ],
      output: `module.exports = {\n  sequelizeConnectionOptions: { dialect: 'postgres', dialectOptions: { ssl: { require: true, rejectUnauthorized: true } } },\n  ssl: process.env.NODE_ENV === 'production' ? { rejectUnauthorized: true } : { rejectUnauthorized: true },\n};`,
    },
    {
      name: 'pg and mysql2: ssl.rejectUnauthorized false, and a connection string with sslmode=no-verify',
      code: `import { Pool } from 'pg';\nimport mysql from 'mysql2/promise';\nconst pool = new Pool({ connectionString: url, ssl: { rejectUnauthorized: false } });\nconst db = await mysql.createConnection({ host, ssl: { rejectUnauthorized: false } });\nconst p2 = new Pool({ connectionString: 'postgres://db.internal/app?sslmode=no-verify' });`,
      errors: [
        { line: 3, text: 'false', severity: 'error' },
        { line: 4, text: 'false', severity: 'error' },
        { line: 5, text: "'postgres://db.internal/app?sslmode=no-verify'", severity: 'error', message: 'sslmode=no-verify' },
      ],
      output: `import { Pool } from 'pg';\nimport mysql from 'mysql2/promise';\nconst pool = new Pool({ connectionString: url, ssl: { rejectUnauthorized: true } });\nconst db = await mysql.createConnection({ host, ssl: { rejectUnauthorized: true } });\nconst p2 = new Pool({ connectionString: 'postgres://db.internal/app?sslmode=verify-full' });`,
    },
    {
      name: 'MongoDB options and URI, ioredis, nodemailer (CJS)',
      filename: 'case.js',
      code: `const { MongoClient } = require('mongodb');\nconst Redis = require('ioredis');\nconst nodemailer = require('nodemailer');\nnew MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: true });\nMongoClient.connect('mongodb://h/db?tls=true&tlsInsecure=true');\nnew Redis({ host, tls: { rejectUnauthorized: false } });\nnodemailer.createTransport({ host, port: 465, tls: { rejectUnauthorized: false } });`,
      errors: [
        { line: 4, text: 'true', severity: 'error', message: 'tlsAllowInvalidCertificates' },
        { line: 5, text: "'mongodb://h/db?tls=true&tlsInsecure=true'", severity: 'error' },
        { line: 6, text: 'false', severity: 'error' },
        { line: 7, text: 'false', severity: 'error' },
      ],
      output: `const { MongoClient } = require('mongodb');\nconst Redis = require('ioredis');\nconst nodemailer = require('nodemailer');\nnew MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: false });\nMongoClient.connect('mongodb://h/db?tls=true&tlsInsecure=false');\nnew Redis({ host, tls: { rejectUnauthorized: true } });\nnodemailer.createTransport({ host, port: 465, tls: { rejectUnauthorized: true } });`,
    },
    {
      name: 'got, undici, request, needle, ws, superagent',
      code: `import got from 'got';\nimport { Agent } from 'undici';\nimport request from 'request';\nimport needle from 'needle';\nimport WebSocket from 'ws';\nimport superagent from 'superagent';\nawait got(url, { https: { rejectUnauthorized: false } });\nconst dispatcher = new Agent({ connect: { rejectUnauthorized: false } });\nrequest({ url, strictSSL: false });\nneedle.get(url, { rejectUnauthorized: false }, done);\nnew WebSocket(url, { rejectUnauthorized: false });\nawait superagent.get(url).disableTLSCerts().send(body);`,
      errors: [
        { line: 7, text: 'false', severity: 'error' },
        { line: 8, text: 'false', severity: 'error' },
        { line: 9, text: 'false', severity: 'error', message: 'strictSSL' },
        { line: 10, text: 'false', severity: 'error' },
        { line: 11, text: 'false', severity: 'error' },
        { line: 12, text: 'disableTLSCerts', severity: 'error' },
      ],
      output: `import got from 'got';\nimport { Agent } from 'undici';\nimport request from 'request';\nimport needle from 'needle';\nimport WebSocket from 'ws';\nimport superagent from 'superagent';\nawait got(url, { https: { rejectUnauthorized: true } });\nconst dispatcher = new Agent({ connect: { rejectUnauthorized: true } });\nrequest({ url, strictSSL: true });\nneedle.get(url, { rejectUnauthorized: true }, done);\nnew WebSocket(url, { rejectUnauthorized: true });\nawait superagent.get(url).send(body);`,
    },
    {
      name: 'ORMs, MSSQL, message brokers and proxies',
      code: `import { Sequelize } from 'sequelize';\nimport knex from 'knex';\nimport sql from 'mssql';\nimport { Kafka } from 'kafkajs';\nimport { createProxyMiddleware } from 'http-proxy-middleware';\nconst orm = new Sequelize(url, { dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } });\nconst db = knex({ client: 'pg', connection: { host, ssl: { rejectUnauthorized: false } } });\nawait sql.connect({ server, options: { encrypt: true, trustServerCertificate: true } });\nnew Kafka({ brokers, ssl: { rejectUnauthorized: false } });\napp.use('/api', createProxyMiddleware({ target, changeOrigin: true, secure: false }));`,
      errors: [
        { line: 6, text: 'false', severity: 'error' },
        { line: 7, text: 'false', severity: 'error' },
        { line: 8, text: 'true', severity: 'error', message: 'trustServerCertificate' },
        { line: 9, text: 'false', severity: 'error' },
        { line: 10, text: 'false', severity: 'error', message: 'proxy' },
      ],
      output: `import { Sequelize } from 'sequelize';\nimport knex from 'knex';\nimport sql from 'mssql';\nimport { Kafka } from 'kafkajs';\nimport { createProxyMiddleware } from 'http-proxy-middleware';\nconst orm = new Sequelize(url, { dialectOptions: { ssl: { require: true, rejectUnauthorized: true } } });\nconst db = knex({ client: 'pg', connection: { host, ssl: { rejectUnauthorized: true } } });\nawait sql.connect({ server, options: { encrypt: true, trustServerCertificate: false } });\nnew Kafka({ brokers, ssl: { rejectUnauthorized: true } });\napp.use('/api', createProxyMiddleware({ target, changeOrigin: true, secure: true }));`,
    },
    {
      name: 'a connection string built by a template',
      code: "import { Sequelize } from 'sequelize-typescript';\nexport const db = new Sequelize(`postgres://${user}:${password}@${host}/app?sslmode=no-verify`, { logging: false });",
      errors: [{ line: 2, text: '`postgres://${user}:${password}@${host}/app?sslmode=no-verify`', severity: 'error' }],
      output: null,
    },
    {
      name: 'an axios instance with an https.Agent is reported once, on the agent',
      code: `import axios from 'axios';\nimport https from 'node:https';\nconst client = axios.create({ httpsAgent: new https.Agent({ rejectUnauthorized: false }) });`,
      errors: [{ line: 3, text: 'false', severity: 'error' }],
      output: `import axios from 'axios';\nimport https from 'node:https';\nconst client = axios.create({ httpsAgent: new https.Agent({ rejectUnauthorized: true }) });`,
    },
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
