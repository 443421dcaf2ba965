'use strict';
// Turns a postgres:// URL into client options, reading the TLS parameters the way libpq does.
// `expect` comments mark findings; `unresolved` comments, values known only at run time.

function parse(str) {
  const url = new URL(str);
  const config = {
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    host: url.hostname,
    port: Number(url.port) || 5432,
    database: url.pathname.slice(1),
  };
  const ssl = url.searchParams.get('ssl');
  if (ssl === 'true' || ssl === '1') config.ssl = true;
  if (url.searchParams.get('sslcert')) {
    config.ssl = config.ssl || {};
    config.ssl.cert = url.searchParams.get('sslcert');
  }
  switch (url.searchParams.get('sslmode')) {
    case 'disable':
      config.ssl = false;
      break;
    case 'prefer':
    case 'require':
    case 'verify-full':
      config.ssl = config.ssl || {};
      break;
    case 'verify-ca':
      config.ssl = Object.assign({}, config.ssl);
      // verify-ca checks the chain but not the host name.
      config.ssl.checkServerIdentity = function () {}; // expect: tls-certificate-validation
      break;
    case 'no-verify':
      config.ssl = Object.assign({}, config.ssl);
      config.ssl.rejectUnauthorized = false; // expect: tls-certificate-validation
      break;
  }
  return config;
}

module.exports = { parse };
