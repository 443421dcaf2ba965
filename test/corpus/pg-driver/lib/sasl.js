'use strict';
const crypto = require('./crypto');

// SCRAM-SHA-256 (RFC 7677): the client side of the exchange.
function startSession(mechanisms) {
  if (!mechanisms.includes('SCRAM-SHA-256')) throw new Error('SASL: only SCRAM-SHA-256 is supported');
  const clientNonce = crypto.randomNonce();
  return { mechanism: 'SCRAM-SHA-256', clientNonce, response: 'n,,n=*,r=' + clientNonce, message: 'SASLInitialResponse' };
}

async function continueSession(session, password, serverData) {
  const sv = parseServerFirstMessage(serverData);
  const saltedPassword = await crypto.deriveKey(password, Buffer.from(sv.salt, 'base64'), sv.iteration);
  const clientKey = crypto.hmacSha256(saltedPassword, 'Client Key');
  const storedKey = crypto.sha256(clientKey);
  session.message = 'SASLResponse';
  session.storedKey = storedKey;
  return session;
}

function parseServerFirstMessage(data) {
  const parts = new Map(data.split(',').map((part) => [part[0], part.slice(2)]));
  return { nonce: parts.get('r'), salt: parts.get('s'), iteration: parseInt(parts.get('i'), 10) };
}

module.exports = { startSession, continueSession };
