// OAuth 1.0a request signing for a partner that still uses it.
const crypto = require('crypto');

const NONCE_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function OAuth1(consumerKey, consumerSecret) {
  this.consumerKey = consumerKey;
  this.consumerSecret = consumerSecret;
}

OAuth1.nonce = function (size) {
  const chars = [];
  for (let i = 0; i < size; i++) chars.push(NONCE_CHARS[Math.floor(Math.random() * NONCE_CHARS.length)]); // expect: insecure-random
  return chars.join('');
};

OAuth1.prototype.authorizationHeader = function (method, url, tokenSecret) {
  const params = { oauth_consumer_key: this.consumerKey, oauth_nonce: OAuth1.nonce(32), oauth_signature_method: 'HMAC-SHA1', oauth_timestamp: String(Math.floor(Date.now() / 1000)) };
  const base = [method.toUpperCase(), encodeURIComponent(url), encodeURIComponent(new URLSearchParams(params).toString())].join('&');
  params.oauth_signature = crypto.createHmac('sha1', `${this.consumerSecret}&${tokenSecret}`).update(base).digest('base64');
  return 'OAuth ' + Object.entries(params).map(([k, v]) => `${k}="${encodeURIComponent(v)}"`).join(', ');
};

module.exports = { OAuth1 };
