'use strict';
const SMTPConnection = require('./smtp/connection');
const DKIM = require('./dkim');
const nodemailer = require('nodemailer');

function createTransport(options) {
  return nodemailer.createTransport(options); // unresolved: parameter `options` of exported function `createTransport`
}

function relay() {
  return nodemailer.createTransport({ host: 'relay.internal', port: 25, secure: false, tls: { ciphers: 'HIGH', rejectUnauthorized: true } });
}

module.exports = { SMTPConnection, DKIM, createTransport, relay };
