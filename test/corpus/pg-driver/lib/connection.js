'use strict';
const net = require('net');
const tls = require('tls');
const { parse } = require('./connection-string');

class Connection {
  constructor(config) {
    this.config = typeof config === 'string' ? parse(config) : config || {};
    this.ssl = this.config.ssl;
    this.stream = new net.Socket();
  }

  // After the server accepts SSLRequest with 'S'.
  upgrade(host) {
    const options = Object.assign({ socket: this.stream, servername: host }, this.ssl === true ? {} : this.ssl); // expect: tls-certificate-validation
    if (this.config.legacyServer) {
      options.minVersion = 'TLSv1'; // expect: tls-version
    }
    this.stream = tls.connect(options);
    return this.stream;
  }
}

module.exports = Connection;
