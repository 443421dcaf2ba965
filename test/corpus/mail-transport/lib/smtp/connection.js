'use strict';
// An SMTP client connection. `expect` comments mark findings; `unresolved` comments, values known only at run time.
const net = require('net');
const tls = require('tls');

class SMTPConnection {
  constructor(options) {
    this.options = Object.assign({ port: 587 }, options);
    this.options.tls = this.options.tls || {};
    if (this.options.allowSelfSigned) {
      this.options.tls.rejectUnauthorized = false; // expect: tls-certificate-validation
    }
    this.socket = null;
  }

  // STARTTLS: upgrade the plain socket.
  upgrade() {
    const secure = Object.assign({ socket: this.socket, servername: this.options.host }, this.options.tls);
    if (this.options.legacyServer) {
      secure.secureProtocol = 'TLSv1_method'; // expect: tls-version
    }
    this.socket = tls.connect(secure);
    return this.socket;
  }

  connect() {
    this.socket = net.connect(this.options.port, this.options.host);
    return this.socket;
  }
}

module.exports = SMTPConnection;
