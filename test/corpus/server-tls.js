'use strict';
// HTTPS and TLS servers of an API gateway.
const fs = require('fs');
const https = require('https');
const tls = require('tls');
const { createSecureContext } = require('tls');

const key = fs.readFileSync('server.key');
const cert = fs.readFileSync('server.crt');

const LEGACY_CIPHERS = [
  'ECDHE-RSA-AES128-GCM-SHA256',
  'DES-CBC3-SHA',
  'RC4-SHA',
].join(':');

const serverOptions = {
  key,
  cert,
  ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:!aNULL:!MD5',
  honorCipherOrder: true,
  minVersion: 'TLSv1.2',
};

https.createServer(serverOptions, (req, res) => res.end('ok')).listen(8443);

https.createServer({ key, cert, secureProtocol: 'SSLv3_method' }, handler).listen(8444); // expect: tls-version

const legacyContext = createSecureContext({
  key,
  cert,
  ciphers: 'HIGH:3DES:!aNULL', // expect: tls-ciphers
  ecdhCurve: 'auto', // expect: tls-ecdh-curve
});

tls.createServer({ key, cert, ciphers: 'ALL:@SECLEVEL=0' }, onSocket).listen(6514); // expect: tls-ciphers

tls.createServer({ key, cert, maxVersion: 'TLSv1.1' }, onSocket).listen(6515); // expect: tls-version

function handler(req, res) {
  res.setHeader('X-Cipher-Policy', 'no RC4, no 3DES');
  res.end();
}

function onSocket(socket) {
  socket.end('bye');
}

module.exports = { legacyContext, LEGACY_CIPHERS };
