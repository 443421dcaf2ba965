// Clients for a service's backing stores and partner APIs. `// expect: <rule>` marks findings.
import { Pool } from 'pg';
import { MongoClient } from 'mongodb';
import Redis from 'ioredis';
import axios from 'axios';
import got from 'got';
import https from 'node:https';
import nodemailer from 'nodemailer';
import { Agent, fetch } from 'undici';

export const pg = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: false }, // expect: tls-certificate-validation
});

export const pgReplica = new Pool({ connectionString: 'postgres://replica.internal:5432/app?sslmode=no-verify' }); // expect: tls-certificate-validation

export const mongo = new MongoClient(process.env.MONGO_URL!, {
  tls: true,
  tlsAllowInvalidCertificates: true, // expect: tls-certificate-validation
});

export const cache = new Redis({ host: process.env.REDIS_HOST, port: 6380, tls: { servername: process.env.REDIS_HOST } });

export const partner = axios.create({
  baseURL: 'https://partner.example.com',
  httpsAgent: new https.Agent({ rejectUnauthorized: false }), // expect: tls-certificate-validation
});

export async function fetchStatus(url: string) {
  return got(url, { https: { rejectUnauthorized: process.env.NODE_ENV === 'production' } }).json(); // unresolved: process.env.NODE_ENV
}

export const mailer = nodemailer.createTransport({
  host: 'smtp.internal',
  port: 587,
  tls: { rejectUnauthorized: false }, // expect: tls-certificate-validation
});

const insecureDispatcher = new Agent({ connect: { rejectUnauthorized: false } }); // expect: tls-certificate-validation

export async function probe(url: string) {
  return fetch(url, { dispatcher: insecureDispatcher });
}

export const secureCache = new Redis({ host: 'cache.internal', tls: { ca: process.env.REDIS_CA } });
