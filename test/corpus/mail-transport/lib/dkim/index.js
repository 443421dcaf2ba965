'use strict';
const { sign } = require('./sign');

class DKIM {
  constructor(options) {
    this.options = options || {};
  }

  // Receivers of the old relay only verify rsa-sha1 signatures.
  signLegacy(headers) {
    return sign(headers, this.options.domainName, this.options.keySelector, this.options.privateKey, { hashAlgo: 'sha1' }); // expect: signature-digest
  }

  signCurrent(headers) {
    return sign(headers, this.options.domainName, this.options.keySelector, this.options.privateKey);
  }
}

module.exports = DKIM;
