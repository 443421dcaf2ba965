'use strict';
const crypto = require('crypto');

// Signs the canonical header block; `options.hashAlgo` is 'sha256' unless a caller says otherwise.
function sign(headers, domainName, keySelector, privateKey, options = {}) {
  const hashAlgo = (options.hashAlgo || 'sha256').toLowerCase();
  const bodyHash = crypto.createHash(hashAlgo).update(headers.body).digest('base64'); // unresolved: property `hashAlgo` of parameter `options`
  const signer = crypto.createSign(('rsa-' + hashAlgo).toUpperCase()); // unresolved: property `hashAlgo` of parameter `options`
  signer.update(headers.canonical + bodyHash);
  return `v=1; a=rsa-${hashAlgo}; d=${domainName}; s=${keySelector}; b=${signer.sign(privateKey, 'base64')}`;
}

module.exports = { sign };
