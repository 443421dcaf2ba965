// Self-signed certificate tooling for a dev proxy, written with node-forge. `// expect: <rule>` marks findings.
import forge from 'node-forge';
import { writeFileSync } from 'node:fs';

export interface GeneratedCert {
  key: string;
  cert: string;
}

export function selfSigned(commonName: string, bits = 2048): GeneratedCert {
  const keys = forge.pki.rsa.generateKeyPair(bits); // expect: node-forge
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const attrs = [{ name: 'commonName', value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey); // expect: node-forge
  return { key: forge.pki.privateKeyToPem(keys.privateKey), cert: forge.pki.certificateToPem(cert) };
}

export function quickKey(): forge.pki.rsa.KeyPair {
  return forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 }); // expect: node-forge
}

export function wrapSessionKey(publicKeyPem: string, sessionKey: string): string {
  const publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  return forge.util.encode64(publicKey.encrypt(sessionKey)); // expect: node-forge
}

export function wrapSessionKeyOaep(publicKeyPem: string, sessionKey: string): string {
  const publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  return forge.util.encode64(publicKey.encrypt(sessionKey, 'RSA-OAEP', { md: forge.md.sha256.create() })); // expect: node-forge
}

export function fingerprint(certPem: string): string {
  const cert = forge.pki.certificateFromPem(certPem);
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  const md = forge.md.sha1.create(); // expect: node-forge
  md.update(der);
  return md.digest().toHex();
}

export function encryptBlob(key: string, iv: string, data: string): string {
  const cipher = forge.cipher.createCipher('3DES-CBC', key); // expect: node-forge
  cipher.start({ iv });
  cipher.update(forge.util.createBuffer(data));
  cipher.finish();
  return cipher.output.toHex();
}

export function saveKey(path: string, key: forge.pki.rsa.PrivateKey, passphrase: string): void {
  writeFileSync(path, forge.pki.encryptRsaPrivateKey(key, passphrase, { algorithm: '3des' })); // expect: node-forge
}
