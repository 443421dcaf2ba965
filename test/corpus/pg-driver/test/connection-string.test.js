'use strict';
const assert = require('assert');
const crypto = require('crypto');
const { parse } = require('../lib/connection-string');
const utils = require('../lib/utils');

describe('connection strings', () => {
  it('turns sslmode=no-verify into rejectUnauthorized: false', () => {
    const config = parse('postgres://u@h/db?sslmode=no-verify');
    assert.deepStrictEqual(config.ssl, { rejectUnauthorized: false });
  });

  it('keeps the client certificate next to the switch', () => {
    expect(parse('postgres://u@h/db?sslcert=/c.pem&sslmode=no-verify').ssl).toEqual({ cert: '/c.pem', rejectUnauthorized: false });
  });

  it('hashes passwords the way the server does', () => {
    const inner = crypto.createHash('md5').update('secretuser').digest('hex'); // expect: hash-algorithm
    assert.strictEqual(utils.postgresMd5PasswordHash('user', 'secret', Buffer.from([1, 2, 3, 4])).slice(0, 3), 'md5');
    assert.ok(inner);
  });
});
