'use strict';
const Connection = require('./connection');
const utils = require('./utils');
const sasl = require('./sasl');

class Client {
  constructor(config) {
    this.user = config.user;
    this.password = config.password;
    this.connection = new Connection(config);
  }

  handleAuthenticationMD5Password(message) {
    return utils.postgresMd5PasswordHash(this.user, this.password, message.salt);
  }

  handleAuthenticationSASL(message) {
    this.saslSession = sasl.startSession(message.mechanisms);
    return this.saslSession.response;
  }

  handleAuthenticationSASLContinue(message) {
    return sasl.continueSession(this.saslSession, this.password, message.data);
  }
}

module.exports = Client;
