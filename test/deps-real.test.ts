import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../server/src/cli/main';

/**
 * Opt-in: `fipslint deps` on real packages, installed from npm into a folder outside the
 * repository (never committed): FIPSLINT_REAL_DEPS=/some/folder node --test out/test/deps-real.test.js.
 * The folder gets a package.json pinning the packages below and `npm install --ignore-scripts`
 * (no install script of theirs runs) the first time; later runs reuse it.
 */

const FOLDER = process.env.FIPSLINT_REAL_DEPS;

const PINNED = { pg: '8.13.1', mysql2: '3.11.5', mongodb: '6.12.0', ssh2: '1.16.0', 'crypto-js': '4.2.0', 'node-forge': '1.3.1', jsonwebtoken: '9.0.2' };

interface RealPackage {
  name: string;
  scope: string;
  direct: boolean;
  path: string[];
  cryptoLibrary?: string;
  loadedFrom: string | null;
  unresolved: number;
  counts: { wouldThrow: number; notApproved: number };
  findings: Array<{ ruleId: string; file: string; message: string; fipsRuntime?: string; reachableFrom?: string }>;
}

function install(folder: string): void {
  fs.mkdirSync(path.join(folder, 'src'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'fipslint-real-deps', version: '1.0.0', private: true, dependencies: PINNED }, null, 2) + '\n');
  fs.writeFileSync(path.join(folder, 'src', 'db.js'), "const { Client } = require('pg');\nconst mysql = require('mysql2/promise');\nconst { MongoClient } = require('mongodb');\nmodule.exports = { Client, mysql, MongoClient };\n");
  fs.writeFileSync(path.join(folder, 'src', 'auth.js'), "const jwt = require('jsonwebtoken');\nconst { Client } = require('ssh2');\nmodule.exports = { jwt, Client };\n");
  if (!fs.existsSync(path.join(folder, 'node_modules', 'ssh2', 'package.json'))) {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: folder, stdio: 'inherit' });
  }
}

describe('fipslint deps on real packages (opt-in: FIPSLINT_REAL_DEPS)', { skip: !FOLDER && 'set FIPSLINT_REAL_DEPS to a folder outside the repository to run it' }, () => {
  it('reports each package’s known crypto with the right status', () => {
    const folder = path.resolve(FOLDER!);
    install(folder);
    let stdout = '';
    runCli(['deps', '--format', 'json', '--no-cache', '--as-of', '2026-06-01'], { cwd: folder, stdout: (t) => (stdout += t), stderr: () => undefined });
    const packages = (JSON.parse(stdout) as { packages: RealPackage[] }).packages;
    const pkg = (name: string) => {
      const found = packages.find((p) => p.name === name && p.path.length <= 3);
      assert.ok(found, `${name} is installed`);
      return found;
    };
    const findingsIn = (name: string, file: RegExp, rule: string) => pkg(name).findings.filter((f) => file.test(f.file.split(path.sep).join('/')) && f.ruleId === rule);

    // pg: the server's "md5" password method, which throws under --enable-fips; loaded from src/db.js.
    const pgMd5 = findingsIn('pg', /node_modules\/pg\/lib\/crypto\/utils-legacy\.js$/, 'hash-algorithm');
    assert.ok(pgMd5.length >= 1 && pgMd5.every((f) => f.fipsRuntime === 'throws' && /MD5/.test(f.message) && f.reachableFrom === 'src/db.js'));
    // mongodb: SCRAM-SHA-1's MD5 password digest.
    const mongoMd5 = findingsIn('mongodb', /node_modules\/mongodb\/lib\/cmap\/auth\/scram\.js$/, 'hash-algorithm');
    assert.ok(mongoMd5.length >= 1 && mongoMd5.every((f) => f.fipsRuntime === 'throws' && /MD5/.test(f.message)));
    // ssh2: ChaCha20-Poly1305 throws under --enable-fips; X25519 is not approved.
    assert.ok(findingsIn('ssh2', /\/lib\/protocol\/crypto\.js$/, 'cipher-algorithm').some((f) => /ChaCha20/.test(f.message) && f.fipsRuntime === 'throws' && f.reachableFrom === 'src/auth.js'));
    assert.ok(findingsIn('ssh2', /\/lib\/protocol\/kex\.js$/, 'x25519-key-agreement').length >= 1);
    // ssh2 writes its ChaCha20 nonce in place with the packet sequence number: not a constant IV.
    assert.deepEqual(findingsIn('ssh2', /\/lib\/protocol\/crypto\.js$/, 'cipher-iv'), []);
    // Pure-JS crypto libraries: NV whatever they compute.
    assert.equal(pkg('crypto-js').cryptoLibrary, 'crypto-js');
    assert.equal(pkg('node-forge').cryptoLibrary, 'node-forge');
    // mysql2's native password auth is SHA-1, which FIPS still allows for hashing: no finding there.
    assert.deepEqual(pkg('mysql2').findings.filter((f) => /auth_41/.test(f.file)), []);
    // jsonwebtoken signs through jwa with 'sha' + bits: known only at run time, counted, never passed as clean.
    assert.ok(pkg('jwa').unresolved > 0);
    assert.equal(pkg('jwa').loadedFrom, 'src/auth.js');
    for (const name of Object.keys(PINNED)) assert.equal(pkg(name).direct, true, `${name} is direct`);
  });
});
