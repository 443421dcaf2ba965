// HTTP and TLS clients of an integration service.
import fs from 'node:fs';
import https from 'node:https';
import * as tls from 'node:tls';
import http2 from 'node:http2';
import axios from 'axios';

const isDev = process.env.NODE_ENV !== 'production';

export const insecureAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); // expect: tls-certificate-validation

export const devAgent = new https.Agent({ rejectUnauthorized: isDev ? false : true }); // expect: tls-certificate-validation

export const configuredAgent = new https.Agent({ rejectUnauthorized: process.env.TLS_VERIFY !== 'false' }); // unresolved: process.env.TLS_VERIFY

export const trustedAgent = new https.Agent({ ca: fs.readFileSync('/etc/ssl/internal-ca.pem'), minVersion: 'TLSv1.2' });

export const client = axios.create({
  baseURL: 'https://partner.example.com',
  httpsAgent: new https.Agent({ minVersion: 'TLSv1', maxVersion: 'TLSv1.3' }), // expect: tls-version
});

if (process.env.ALLOW_SELF_SIGNED) {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // expect: tls-certificate-validation
}

export function fetchStatus(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host,
        path: '/status',
        method: 'GET',
        secureProtocol: 'TLSv1_1_method', // expect: tls-version
        checkServerIdentity: () => undefined, // expect: tls-certificate-validation
      },
      (res) => resolve(res.statusCode ?? 0),
    );
    req.on('error', reject);
    req.end();
  });
}

const baseTlsOptions: tls.ConnectionOptions = {
  ciphers: 'ECDHE-RSA-AES256-GCM-SHA384:AES256-SHA:!aNULL', // expect: tls-ciphers
  minVersion: 'TLSv1.2',
};

export function openSocket(host: string, port = 6514) {
  return tls.connect(port, host, { ...baseTlsOptions, servername: host });
}

export function openLegacySocket(host: string) {
  return tls.connect({ host, port: 993, minVersion: 'TLSv1.1' }); // expect: tls-version
}

export function h2(authority: string) {
  return http2.connect(authority, { rejectUnauthorized: true, ecdhCurve: 'X25519' }); // expect: tls-ecdh-curve
}

export function verifiedSocket(host: string) {
  return tls.connect({
    host,
    port: 443,
    checkServerIdentity: (hostname, cert) => {
      const err = tls.checkServerIdentity(hostname, cert);
      if (err) return err;
      if (!cert.fingerprint256.startsWith('AB:CD')) return new Error('pin mismatch');
      return undefined;
    },
  });
}

tls.DEFAULT_MIN_VERSION = 'TLSv1'; // expect: tls-version
