'use strict';
const crypto = module.require('crypto');

function md5(value) {
  return crypto.createHash('md5').update(value, 'utf-8').digest('hex'); // expect: hash-algorithm
}

// The server's AuthenticationMD5Password: 'md5' + md5(md5(password + user) + salt).
function postgresMd5PasswordHash(user, password, salt) {
  const inner = md5(password + user);
  const outer = md5(Buffer.concat([Buffer.from(inner), salt]));
  return 'md5' + outer;
}

function escapeIdentifier(name) {
  return '"' + name.replace(/"/g, '""') + '"';
}

module.exports = { md5, postgresMd5PasswordHash, escapeIdentifier };
