import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { RULES } from '../rules';
import { Engine, buildInventory, defaultAnalysisOptions, type CryptoAsset, type CryptoInventory, type ProfileId } from '../server/src/engine';
import { runCli } from '../server/src/cli/main';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'project');

function inventoryOf(code: string, profile: ProfileId = 'fips-140-3', fileName = '/inv/case.ts'): CryptoInventory {
  const options = defaultAnalysisOptions({ profile, asOf: '2026-12-03', inventory: true });
  const analysis = new Engine(RULES).analyze(fileName, code, options);
  assert.deepEqual(analysis.ruleFailures, []);
  return buildInventory([analysis], options);
}

function asset(inventory: CryptoInventory, name: string, library?: string): CryptoAsset {
  const found = inventory.assets.find((a) => a.name === name && (!library || a.library === library));
  assert.ok(found, `no asset ${name} in ${inventory.assets.map((a) => `${a.name}@${a.library}`).join(', ')}`);
  return found;
}

/** AES-128 is the definition of NIST PQC category 1. */
function aesLevel(inventory: CryptoInventory): number | undefined {
  return asset(inventory, 'AES-128-GCM').nistQuantumSecurityLevel;
}

function cli(args: string[], cwd = FIXTURE) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('crypto inventory', () => {
  it('records approved and non-approved assets with primitive, size, mode, operation and place', () => {
    const inventory = inventoryOf(
      [
        "import * as crypto from 'node:crypto';",
        "crypto.createHash('md5');",
        "crypto.createHash('sha384');",
        "crypto.createCipheriv('aes-128-gcm', key, iv);",
        "crypto.createDecipheriv('des-ede3-cbc', key, iv);",
        "crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });",
        "crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });",
        "crypto.createHmac('sha256', key);",
        "crypto.randomBytes(16);",
        "crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);",
      ].join('\n'),
    );
    const md5 = asset(inventory, 'MD5');
    assert.deepEqual([md5.primitive, md5.status, md5.parameterSetIdentifier, md5.oid, md5.cryptoFunctions], ['hash', 'NO', '128', '1.2.840.113549.2.5', ['digest']]);
    assert.deepEqual([md5.occurrences[0].line, md5.occurrences[0].column, md5.occurrences[0].findings], [2, 1, ['hash-algorithm']]);
    const sha384 = asset(inventory, 'SHA-384');
    assert.deepEqual([sha384.status, sha384.nistQuantumSecurityLevel, sha384.occurrences[0].findings], ['OK', undefined, []]);
    assert.equal(aesLevel(inventory), 1);
    const aes = asset(inventory, 'AES-128-GCM');
    assert.deepEqual([aes.primitive, aes.mode, aes.parameterSetIdentifier, aes.oid, aes.cryptoFunctions, aes.status], ['ae', 'gcm', '128', '2.16.840.1.101.3.4.1.6', ['encrypt'], 'OK']);
    // Decryption with 3-key TDEA is legacy use; encryption would not be approved.
    assert.deepEqual([asset(inventory, 'DES-EDE3-CBC').status, asset(inventory, 'DES-EDE3-CBC').cryptoFunctions], ['LEGACY', ['decrypt']]);
    const rsa = asset(inventory, 'RSA-3072');
    assert.deepEqual([rsa.parameterSetIdentifier, rsa.cryptoFunctions, rsa.nistQuantumSecurityLevel, rsa.status], ['3072', ['keygen'], 0, 'OK']);
    assert.deepEqual([asset(inventory, 'ECDSA-P-384').curve, asset(inventory, 'ECDSA-P-384').oid], ['P-384', '1.3.132.0.34']);
    assert.equal(asset(inventory, 'HMAC-SHA-256').primitive, 'mac');
    assert.equal(asset(inventory, 'DRBG (OpenSSL RAND)').primitive, 'drbg');
    // The key length is in the key, not in this call: not guessed.
    const webAes = asset(inventory, 'AES-GCM', 'WebCrypto');
    assert.equal(webAes.parameterSetIdentifier, undefined);
    assert.deepEqual(inventory.totals.assetsByStatus, { NO: 1, DEPR: 0, TRANS: 0, NV: 0, LEGACY: 1, unknown: 0, OK: 7 });
  });

  it('records values it cannot read as unknown, never guessed', () => {
    const inventory = inventoryOf("import { createHash, createCipheriv } from 'crypto';\nexport const h = (alg: string) => createHash(alg);\nexport const c = (name: string, k: Buffer) => createCipheriv(name, k, null);\n");
    assert.equal(asset(inventory, 'unknown hash').status, 'unknown');
    assert.deepEqual([asset(inventory, 'unknown cipher').status, asset(inventory, 'unknown cipher').mode], ['unknown', 'unknown']);
    assert.equal(inventory.totals.assetsByStatus.unknown, 2);
  });

  it('gives each asset its status under the active profile, as the findings do', () => {
    const code = "import * as crypto from 'crypto';\ncrypto.createHash('sha256');\ncrypto.generateKeyPairSync('ed25519');\n";
    assert.equal(asset(inventoryOf(code, 'fips-140-3'), 'SHA-256').status, 'OK');
    assert.equal(asset(inventoryOf(code, 'cnsa-2.0'), 'SHA-256').status, 'NO');
    assert.equal(asset(inventoryOf(code, 'fips-140-3'), 'Ed25519').status, 'OK');
    assert.equal(asset(inventoryOf(code, 'fips-140-2'), 'Ed25519').status, 'NO');
  });

  it('lists approved algorithms of pure-JS libraries as not validated, and their weak ones as not approved', () => {
    const inventory = inventoryOf("import CryptoJS from 'crypto-js';\nCryptoJS.SHA256(m);\nCryptoJS.MD5(m);\nCryptoJS.AES.encrypt(m, key, { mode: CryptoJS.mode.ECB });\n", 'fips-140-3', '/inv/case.js');
    assert.deepEqual([asset(inventory, 'SHA-256', 'crypto-js').status, asset(inventory, 'MD5', 'crypto-js').status], ['NV', 'NO']);
    const aes = asset(inventory, 'AES-ECB', 'crypto-js');
    assert.equal(aes.mode, 'ecb');
    assert.notEqual(aes.status, 'OK');
  });

  it('records TLS configurations as protocol assets with their versions', () => {
    const inventory = inventoryOf("import * as tls from 'tls';\ntls.connect({ host, minVersion: 'TLSv1' });\ntls.createServer({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });\n");
    const old = asset(inventory, 'TLS TLSv1+');
    assert.deepEqual([old.assetType, old.status, old.occurrences[0].findings], ['protocol', 'NO', ['tls-version']]);
    assert.equal(asset(inventory, 'TLS TLSv1.2-TLSv1.3').status, 'OK');
  });

  it('reads the version a secureProtocol method pins', () => {
    const inventory = inventoryOf("import * as https from 'https';\nhttps.request({ host, secureProtocol: 'TLSv1_1_method' });\nhttps.request({ host, secureProtocol: 'TLS_method' });\n");
    assert.equal(asset(inventory, 'TLS TLSv1.1').status, 'NO');
    assert.equal(asset(inventory, 'TLS').status, 'OK', 'TLS_method negotiates: the process defaults apply');
  });

  it('a TLS configuration without certificate validation is not approved, whatever its versions; SSLv23_method caps at TLS 1.2', () => {
    const inventory = inventoryOf("import * as https from 'https';\nnew https.Agent({ rejectUnauthorized: false });\nnew https.Agent({ minVersion: 'TLSv1.2', rejectUnauthorized: process.env.X ? false : true });\nhttps.request({ host, secureProtocol: 'SSLv23_method' });\n");
    const unchecked = asset(inventory, 'TLS without certificate validation');
    assert.deepEqual([unchecked.status, unchecked.occurrences[0].findings], ['NO', ['tls-certificate-validation']]);
    assert.equal(asset(inventory, 'TLS TLSv1.2+ without certificate validation').status, 'NO', 'a value that can be false counts');
    assert.ok(!inventory.assets.some((a) => a.name === 'TLS' && a.status === 'OK' && a.occurrences.some((o) => o.line === 2)), 'never listed as approved');
    assert.equal(asset(inventory, 'TLS default-TLSv1.2').status, 'DEPR', 'SSLv23_method: up to TLS 1.2, never 1.3, as tls-version reports it');
  });

  it('costs nothing when not asked for', () => {
    const analysis = new Engine(RULES).analyze('/inv/off.ts', "import { createHash } from 'crypto';\ncreateHash('md5');\n", defaultAnalysisOptions());
    assert.equal(analysis.inventory, undefined);
    assert.equal(analysis.findings.length, 1);
  });
});

describe('CycloneDX 1.6 CBOM (fipslint --format cbom)', () => {
  const { code, stdout, stderr } = cli(['--format', 'cbom', '.']);
  const bom = JSON.parse(stdout);
  const component = (name: string) => {
    const found = bom.components.find((c: { name: string }) => c.name === name);
    assert.ok(found, `no component ${name}`);
    return found;
  };
  const property = (c: { properties: Array<{ name: string; value: string }> }, name: string) => c.properties.find((p) => p.name === name)?.value;

  it('is valid CycloneDX 1.6 by the library’s strict JSON validator', async () => {
    assert.equal(stderr, '');
    assert.equal(code, 1, 'exit codes follow the findings, as in every format');
    const validator = new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6);
    assert.equal(await validator.validate(stdout), null);
    // The check can fail: a primitive outside the 1.6 enumeration is rejected.
    const broken = structuredClone(bom);
    broken.components[0].cryptoProperties.algorithmProperties.primitive = 'hashing';
    assert.notEqual(await validator.validate(JSON.stringify(broken)), null);
    assert.equal(bom.specVersion, '1.6');
    assert.equal(bom.metadata.component.name, 'project');
    assert.equal(bom.metadata.tools.components[0].name, 'fipslint');
  });

  it('lists each asset of the fixture with the right primitive, size and occurrences', () => {
    const json = JSON.parse(cli(['--format', 'json', '--inventory', '.']).stdout);
    assert.equal(bom.components.length, json.inventory.assets.length);
    assert.equal(bom.components.length, 13);
    for (const c of bom.components) assert.equal(c.type, 'cryptographic-asset');

    const md5 = component('MD5');
    assert.deepEqual(md5.cryptoProperties, {
      assetType: 'algorithm',
      algorithmProperties: { primitive: 'hash', parameterSetIdentifier: '128', cryptoFunctions: ['digest'], executionEnvironment: 'software-plain-ram' },
      oid: '1.2.840.113549.2.5',
    });
    assert.deepEqual(md5.evidence.occurrences, [{ location: 'src/index.ts', line: 10, offset: 10, symbol: 'crypto.createHash', additionalContext: 'digest; not approved; findings: hash-algorithm' }]);
    assert.equal(property(md5, 'fipslint:status'), 'NO');
    assert.equal(property(md5, 'fipslint:profile'), 'fips-140-3');

    const rsa = component('RSA-1024');
    assert.deepEqual([rsa.cryptoProperties.algorithmProperties.primitive, rsa.cryptoProperties.algorithmProperties.parameterSetIdentifier, rsa.cryptoProperties.algorithmProperties.cryptoFunctions], ['pke', '1024', ['keygen']]);
    assert.deepEqual(rsa.evidence.occurrences.map((o: { location: string; line: number }) => `${o.location}:${o.line}`), ['src/index.ts:18']);

    const tdea = component('DES-EDE3-CBC');
    assert.deepEqual([tdea.cryptoProperties.algorithmProperties.primitive, tdea.cryptoProperties.algorithmProperties.mode], ['block-cipher', 'cbc']);
    assert.deepEqual(tdea.evidence.occurrences.map((o: { location: string; line: number }) => `${o.location}:${o.line}`), ['src/index.ts:14', 'src/typed.ts:6']);

    const aes = component('AES-256-GCM');
    assert.deepEqual([aes.cryptoProperties.algorithmProperties.primitive, aes.cryptoProperties.algorithmProperties.parameterSetIdentifier, aes.cryptoProperties.oid, property(aes, 'fipslint:status')], ['ae', '256', '2.16.840.1.101.3.4.1.46', 'OK']);

    const tls = bom.components.filter((c: { cryptoProperties: { assetType: string } }) => c.cryptoProperties.assetType === 'protocol');
    assert.equal(tls.length, 2);
    for (const c of tls) assert.deepEqual(c.cryptoProperties.protocolProperties, { type: 'tls', version: '1.1' });

    // clean.ts spells its digest 'sha512'.replace('512', '256'): the same approved PBKDF2-SHA-256.
    const pbkdf2 = component('PBKDF2-SHA-256');
    assert.deepEqual(pbkdf2.evidence.occurrences.map((o: { location: string; line: number }) => `${o.location}:${o.line}`), ['src/clean.ts:22', 'src/index.ts:32']);
    assert.equal(property(pbkdf2, 'fipslint:status'), 'OK');
    assert.deepEqual(bom.dependencies, [{ ref: 'scanned-project', provides: bom.components.map((c: { 'bom-ref': string }) => c['bom-ref']) }]);
  });
});
