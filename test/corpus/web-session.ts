// An Express front end: sessions, cookies, mail, a reporting database and token checks.
// `// expect: <rule>` marks findings.
import express from 'express';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import nodemailer from 'nodemailer';
import { Pool } from 'pg';
import jwt from 'jsonwebtoken';
import { createDecipheriv, createHash } from 'node:crypto';

export const app = express();

app.use(cookieParser(process.env.COOKIE_SECRET));
app.use(
  session({
    secret: process.env.SESSION_SECRET ?? 'local-development-session-secret', // expect: hardcoded-key-material
    resave: false,
    saveUninitialized: false,
  }),
);

export const mailer = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
  tls: { ciphers: 'SSLv3' }, // expect: tls-ciphers
});

export const reports = new Pool({
  connectionString: process.env.REPORTS_URL,
  ssl: { ca: process.env.REPORTS_CA, minVersion: 'TLSv1.1' }, // expect: tls-version
});

export const audit = new Pool({
  connectionString: process.env.AUDIT_URL, // unresolved: connection string
  ssl: { ca: process.env.AUDIT_CA, minVersion: 'TLSv1.2' },
});

export function openSealed(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv); // expect: aead-tag-length
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

export function openTagged(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

export function verifyPartnerToken(token: string, publicKey: string) {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) throw new Error('malformed token');
  return jwt.verify(token, publicKey, { algorithms: [decoded.header.alg as jwt.Algorithm] }); // expect: jwt-algorithm
}

export function verifyOwnToken(token: string, publicKey: string) {
  return jwt.verify(token, publicKey, { algorithms: ['ES256'] });
}

export function checkinCode(password: string, visit: string): string {
  return createHash('sha256').update(`${visit}:${password}`).digest('hex'); // expect: password-hashing
}

export const pageEtag = (html: string) => createHash('sha256').update(html).digest('base64url');
