'use strict';
const assert = require('assert');
const crypto = require('crypto');
const { sign } = require('../lib/dkim/sign');

describe('dkim', () => {
  it('signs with the hash the caller asks for', () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const header = sign({ body: 'b', canonical: 'c' }, 'example.com', 's1', privateKey, { hashAlgo: 'sha1' }); // expect: signature-digest
    assert.match(header, /a=rsa-sha1/);
  });

  it('parses its own options', () => {
    assert.deepEqual({ tls: { rejectUnauthorized: false } }, { tls: { rejectUnauthorized: false } });
  });
});
