import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../server/src/cli/main';
import { defaultDependencyCacheDir } from '../server/src/deps/cache';
import { assertValidSarif } from './sarif-schema';
import { removeTempTrees, tempTree } from './temp-tree';

/**
 * `fipslint deps` on a project whose installed packages we wrote (test/fixtures/deps-project):
 * acme-db (direct, production) hashes passwords with MD5 in a file its entry point loads and has
 * a Triple DES file nothing loads; its nested acme-sasl 2 (production) runs PBKDF2 with a constant
 * salt; crypto-js is a pure-JS crypto library; acme-tls (development) asks for TLS 1.0 and needs
 * the top-level acme-sasl 1 (development, MD5); stray-pkg is on disk but in no lockfile;
 * acme-native is locked but not installed (another platform's optional package).
 */

const FIXTURE = path.join(__dirname, '..', '..', 'test', 'fixtures', 'deps-project');

interface JsonPackage {
  name: string;
  version: string;
  location: string;
  scope: string;
  direct: boolean;
  path: string[];
  extraneous?: boolean;
  cryptoLibrary?: string;
  loadedFrom: string | null;
  counts: { wouldThrow: number; notApproved: number; other: number; notValidated: number; reachable: number };
  findings: Array<{ ruleId: string; file: string; line: number; severity: string; fipsRuntime?: string; reachableFrom?: string }>;
  notAnalysed: Array<{ file: string; reason: string }>;
}
interface JsonAudit {
  source: string;
  summary: { packages: number; production: number; development: number; cache: { hits: number; misses: number } };
  packages: JsonPackage[];
  notInstalled: Array<{ location: string }>;
  notices: string[];
}

function deps(args: string[], cwd: string, cacheHome = tempTree('fipslint-deps-cache-')) {
  let stdout = '';
  let stderr = '';
  const code = runCli(['deps', ...args], { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, cacheHome };
}

/** The fixture copied to a temporary folder, to change what is installed. */
function fixtureCopy(): string {
  const dir = tempTree('fipslint-deps-project-');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function auditJson(dir: string, extra: string[] = [], cacheHome?: string): { audit: JsonAudit; code: number; stderr: string } {
  const cache = cacheHome ?? tempTree('fipslint-deps-cache-');
  const run = deps(['--format', 'json', '--as-of', '2026-06-01', '--cache-dir', cache, ...extra], dir);
  return { audit: JSON.parse(run.stdout) as JsonAudit, code: run.code, stderr: run.stderr };
}

const byLocation = (audit: JsonAudit, location: string) => {
  const found = audit.packages.find((p) => p.location === location);
  assert.ok(found, `${location} is audited`);
  return found;
};

after(removeTempTrees);

describe('fipslint deps', () => {
  it('prints a table per scope with the dependency route, counts and reach, then each package’s findings; exits 1 on production errors', () => {
    const { code, stdout } = deps(['--no-cache', '--as-of', '2026-06-01'], FIXTURE);
    assert.equal(code, 1);
    const rows = stdout.split('\n');
    const row = (name: string, version: string) => rows.find((l) => l.startsWith(`${name} `) && l.includes(` ${version} `))?.split(/\s{2,}/);
    assert.deepEqual(row('acme-db', '3.1.0'), ['acme-db', '3.1.0', 'direct', 'prod', '2', '5', '0', '0', '0', 'reachable from src/app.js']);
    assert.deepEqual(row('acme-sasl', '2.0.0'), ['acme-sasl', '2.0.0', 'via acme-db', 'prod', '0', '1', '1', '0', '0', 'reachable from src/app.js']);
    assert.deepEqual(row('crypto-js', '4.2.0'), ['crypto-js', '4.2.0', 'direct', 'prod', '0', '0', '0', 'library', '0', 'loaded from src/checksum.ts']);
    assert.deepEqual(row('acme-tls', '0.9.0'), ['acme-tls', '0.9.0', 'direct', 'dev', '1', '1', '0', '0', '1', 'present in package']);
    assert.deepEqual(row('acme-sasl', '1.0.0'), ['acme-sasl', '1.0.0', 'via acme-tls', 'dev', '1', '3', '1', '0', '0', 'present in package']);
    assert.ok(stdout.indexOf('Production dependencies') < stdout.indexOf('Development dependencies'));
    assert.match(stdout, /^1 other package: nothing found\.$/m, '@acme/util has no crypto');
    assert.match(stdout, /^ {2}node_modules\/acme-db\/lib\/password\.js:6:35 {2}error {2}createHash uses MD5.* {2}hash-algorithm {2}would throw under --enable-fips {2}reachable from src\/app\.js$/m);
    assert.match(stdout, /^ {2}node_modules\/acme-db\/lib\/legacy-auth\.js:6:40 {2}error {2}createCipheriv uses Triple DES.* {2}present in package$/m);
    assert.match(stdout, /^stray-pkg 0\.0\.1 {2}unused, not required by the project, not in the lockfile; not loaded by the project$/m);
    assert.match(stdout, /^not installed: node_modules\/acme-native 1\.0\.0 /m);
    assert.match(stdout, /in production dependencies 2 calls in 1 package would throw under --enable-fips\./);
    assert.match(stdout, /^ {2}unresolved {2}1 crypto call whose algorithm or setting is known only at run time \(not judged\)$/m, 'acme-tls digests with an algorithm its caller names');
    assert.match(stdout, /Not seen: 1 crypto call with values known only at run time; 1 locked package not installed\./);
  });

  it('places nested packages as Node resolves them, and tells production from development packages', () => {
    const { audit } = auditJson(FIXTURE);
    assert.equal(audit.source, 'package-lock.json');
    const nested = byLocation(audit, 'node_modules/acme-db/node_modules/acme-sasl');
    assert.deepEqual([nested.version, nested.scope, nested.direct, nested.path], ['2.0.0', 'production', false, ['acme-db', 'acme-sasl']]);
    const top = byLocation(audit, 'node_modules/acme-sasl');
    assert.deepEqual([top.version, top.scope, top.path], ['1.0.0', 'development', ['acme-tls', 'acme-sasl']]);
    const stray = byLocation(audit, 'node_modules/stray-pkg');
    assert.deepEqual([stray.scope, stray.extraneous], ['unused', true]);
    assert.deepEqual(audit.notInstalled.map((m) => m.location), ['node_modules/acme-native']);
    assert.equal(byLocation(audit, 'node_modules/crypto-js').cryptoLibrary, 'crypto-js');
  });

  it('says a finding is reachable only when the project’s imports load its file (main, exports conditions, relative requires, nested packages)', () => {
    const { audit } = auditJson(FIXTURE);
    const db = byLocation(audit, 'node_modules/acme-db');
    const reach = (file: string) => db.findings.filter((f) => f.file.endsWith(file)).map((f) => f.reachableFrom ?? 'present');
    assert.deepEqual(reach('lib/password.js'), ['src/app.js', 'src/app.js', 'src/app.js']);
    assert.deepEqual(reach('lib/legacy-auth.js'), ['present', 'present'], 'only the ./legacy export loads it, and nothing imports that');
    assert.deepEqual(db.counts, { wouldThrow: 2, notApproved: 5, other: 0, notValidated: 0, reachable: 3 });
    assert.ok(byLocation(audit, 'node_modules/acme-db/node_modules/acme-sasl').findings.every((f) => f.reachableFrom === 'src/app.js'));
    assert.equal(byLocation(audit, 'node_modules/@acme/util').loadedFrom, 'src/app.js', 'a scoped package through its exports map');
    assert.equal(byLocation(audit, 'node_modules/acme-tls').loadedFrom, null);
  });

  it('a project file that imports a subpath export makes that file reachable', () => {
    const dir = fixtureCopy();
    fs.writeFileSync(path.join(dir, 'src', 'old-servers.mjs'), "import { legacyEncrypt } from 'acme-db/legacy';\nexport default legacyEncrypt;\n");
    const { audit } = auditJson(dir);
    const legacy = byLocation(audit, 'node_modules/acme-db').findings.filter((f) => f.file.endsWith('legacy-auth.js'));
    assert.deepEqual(legacy.map((f) => f.reachableFrom), ['src/old-servers.mjs', 'src/old-servers.mjs']);
  });

  it('--omit dev leaves development packages out; development findings never make the run fail', () => {
    const { audit } = auditJson(FIXTURE, ['--omit', 'dev']);
    assert.deepEqual(audit.packages.filter((p) => p.scope === 'development'), []);
    const dir = fixtureCopy();
    // Only the development packages keep their findings.
    fs.writeFileSync(path.join(dir, 'node_modules', 'acme-db', 'lib', 'password.js'), "exports.md5Password = () => 'none';\n");
    fs.writeFileSync(path.join(dir, 'node_modules', 'acme-db', 'lib', 'legacy-auth.js'), 'exports.legacyEncrypt = () => null;\n');
    fs.writeFileSync(path.join(dir, 'node_modules', 'acme-db', 'node_modules', 'acme-sasl', 'sasl.js'), "exports.scramProof = () => '';\n");
    fs.rmSync(path.join(dir, 'node_modules', 'stray-pkg'), { recursive: true });
    const run = deps(['--no-cache'], dir);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /Development dependencies/);
  });

  it('keeps results per package in the cache: a second run scans nothing, a changed package is scanned again, a damaged entry is a miss', () => {
    const dir = fixtureCopy();
    const cache = tempTree('fipslint-deps-cache-');
    const first = auditJson(dir, [], cache).audit;
    assert.deepEqual(first.summary.cache, { hits: 0, misses: 7 });
    const second = auditJson(dir, [], cache).audit;
    assert.deepEqual(second.summary.cache, { hits: 7, misses: 0 });
    assert.deepEqual(second.packages, first.packages, 'the same report from the cache');
    for (const entry of fs.readdirSync(cache)) assert.equal(fs.statSync(path.join(cache, entry)).mode & 0o077, 0, 'entries are the user’s own');

    // patch-package and hand edits keep the version and integrity: the file sizes tell.
    fs.appendFileSync(path.join(dir, 'node_modules', 'acme-tls', 'index.js'), "exports.md5 = () => require('crypto').createHash('md5');\n");
    const third = auditJson(dir, [], cache).audit;
    assert.deepEqual(third.summary.cache, { hits: 6, misses: 1 });
    assert.equal(byLocation(third, 'node_modules/acme-tls').findings.length, 2);

    for (const entry of fs.readdirSync(cache)) fs.writeFileSync(path.join(cache, entry), '{"files": "not a number"');
    const fourth = auditJson(dir, [], cache).audit;
    assert.deepEqual(fourth.summary.cache, { hits: 0, misses: 7 });
    assert.deepEqual(fourth.packages.map((p) => p.findings.length), third.packages.map((p) => p.findings.length));

    const otherPolicy = auditJson(dir, ['--profile', 'cnsa-2.0'], cache).audit;
    assert.deepEqual(otherPolicy.summary.cache, { hits: 0, misses: 7 }, 'another profile is another verdict');
  });

  it('writes SARIF with locations under node_modules and the package on every result', () => {
    const run = deps(['--no-cache', '--format', 'sarif', '--as-of', '2026-06-01'], FIXTURE);
    const sarif = JSON.parse(run.stdout);
    assertValidSarif(sarif);
    const results = sarif.runs[0].results as Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; properties: Record<string, unknown> }>;
    const md5 = results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'node_modules/acme-db/lib/password.js');
    assert.ok(md5);
    assert.match(md5.message.text, /^\[acme-db@3\.1\.0, production, direct\] createHash uses MD5.* Reachable from src\/app\.js\.$/);
    assert.deepEqual([md5.properties.package, md5.properties.scope, md5.properties.fipsRuntime], ['acme-db', 'production', 'throws']);
    const library = results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'node_modules/crypto-js/package.json');
    assert.equal(library?.ruleId, 'crypto-js');
    assert.match(library.message.text, /pure-JavaScript crypto library.*\(NV\)/);
  });

  it('writes a CBOM valid against CycloneDX 1.6: packages as library components with their assets and dependency edges', async () => {
    const run = deps(['--no-cache', '--format', 'cbom', '--as-of', '2026-06-01'], FIXTURE);
    const CDX = require('@cyclonedx/cyclonedx-library');
    assert.equal(await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(run.stdout), null);
    const bom = JSON.parse(run.stdout);
    const db = bom.components.find((c: { 'bom-ref': string }) => c['bom-ref'] === 'node_modules/acme-db');
    assert.deepEqual([db.type, db.purl, db.scope, db.hashes[0].alg], ['library', 'pkg:npm/acme-db@3.1.0', 'required', 'SHA-512']);
    const md5 = db.components.find((c: { name: string }) => c.name === 'MD5');
    assert.equal(md5.type, 'cryptographic-asset');
    assert.deepEqual(md5.evidence.occurrences.map((o: { location: string; line: number }) => `${o.location}:${o.line}`), ['node_modules/acme-db/lib/password.js:6', 'node_modules/acme-db/lib/password.js:7']);
    assert.equal(bom.components.find((c: { 'bom-ref': string }) => c['bom-ref'] === 'node_modules/acme-tls').scope, 'excluded', 'development packages are not used at run time');
    const edges = new Map(bom.dependencies.map((d: { ref: string }) => [d.ref, d]));
    assert.deepEqual((edges.get('scanned-project') as { dependsOn: string[] }).dependsOn, ['node_modules/@acme/util', 'node_modules/acme-db', 'node_modules/acme-tls', 'node_modules/crypto-js']);
    assert.deepEqual((edges.get('node_modules/acme-db') as { dependsOn: string[] }).dependsOn, ['node_modules/acme-db/node_modules/acme-sasl']);
    assert.ok((edges.get('node_modules/acme-db') as { provides: string[] }).provides.includes(md5['bom-ref']));
  });

  it('without a lockfile walks node_modules and reads each package’s own dependencies; a v1 or broken lockfile says why it was not used', () => {
    const dir = fixtureCopy();
    fs.rmSync(path.join(dir, 'package-lock.json'));
    const walked = auditJson(dir).audit;
    assert.equal(walked.source, 'node_modules');
    assert.equal(byLocation(walked, 'node_modules/acme-db/node_modules/acme-sasl').scope, 'production');
    assert.equal(byLocation(walked, 'node_modules/acme-sasl').scope, 'development');
    assert.equal(walked.packages.some((p) => p.extraneous), false, 'without a lockfile nothing is extraneous');

    fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ name: 'x', lockfileVersion: 1, dependencies: {} }));
    const v1 = auditJson(dir).audit;
    assert.equal(v1.source, 'node_modules');
    assert.match(v1.notices.join('\n'), /package-lock\.json is lockfileVersion 1, which has no "packages" section/);

    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": {');
    const broken = auditJson(dir).audit;
    assert.equal(broken.source, 'node_modules');
    assert.match(broken.notices.join('\n'), /package-lock\.json was not used: not valid JSON/);

    fs.writeFileSync(path.join(dir, 'yarn.lock'), '# yarn lockfile v1\n');
    assert.match(auditJson(dir).audit.notices.join('\n'), /yarn\.lock is not read \(only npm's lockfiles are\)/);
  });

  it('uses the hidden lockfile npm writes into node_modules when the project has none', () => {
    const dir = fixtureCopy();
    fs.renameSync(path.join(dir, 'package-lock.json'), path.join(dir, 'node_modules', '.package-lock.json'));
    const { audit } = auditJson(dir);
    assert.equal(audit.source, 'node_modules/.package-lock.json');
    assert.equal(byLocation(audit, 'node_modules/stray-pkg').extraneous, true);
  });

  it('follows pnpm’s layout: links into node_modules/.pnpm, dependencies beside each package', { skip: process.platform === 'win32' && 'symbolic links need privileges on Windows' }, () => {
    const dir = fixtureCopy();
    const modules = path.join(dir, 'node_modules');
    const installed = path.join(dir, 'installed-by-npm');
    fs.renameSync(modules, installed);
    fs.rmSync(path.join(dir, 'package-lock.json'));
    fs.writeFileSync(path.join(dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    // .pnpm/<name>@<version>/node_modules/<name> is the package; its dependencies are links beside it.
    const store = (name: string, version: string) => path.join(modules, '.pnpm', `${name.replace('/', '+')}@${version}`, 'node_modules', ...name.split('/'));
    const place = (name: string, version: string, from: string) => {
      fs.mkdirSync(path.dirname(store(name, version)), { recursive: true });
      fs.cpSync(from, store(name, version), { recursive: true });
    };
    place('acme-db', '3.1.0', path.join(installed, 'acme-db'));
    fs.rmSync(path.join(store('acme-db', '3.1.0'), 'node_modules'), { recursive: true });
    place('acme-sasl', '2.0.0', path.join(installed, 'acme-db', 'node_modules', 'acme-sasl'));
    place('@acme/util', '1.0.0', path.join(installed, '@acme', 'util'));
    place('crypto-js', '4.2.0', path.join(installed, 'crypto-js'));
    fs.symlinkSync(store('acme-sasl', '2.0.0'), path.join(path.dirname(store('acme-db', '3.1.0')), 'acme-sasl'), 'dir');
    fs.symlinkSync(store('acme-db', '3.1.0'), path.join(modules, 'acme-db'), 'dir');
    fs.symlinkSync(store('crypto-js', '4.2.0'), path.join(modules, 'crypto-js'), 'dir');
    fs.mkdirSync(path.join(modules, '@acme'));
    fs.symlinkSync(store('@acme/util', '1.0.0'), path.join(modules, '@acme', 'util'), 'dir');
    fs.rmSync(installed, { recursive: true });
    const { audit } = auditJson(dir);
    assert.equal(audit.source, 'node_modules');
    assert.match(audit.notices.join('\n'), /pnpm-lock\.yaml is not read/);
    assert.deepEqual(
      audit.packages.map((p) => [p.location, p.version, p.scope, p.direct, p.path.join(' > ')]),
      [
        ['node_modules/.pnpm/@acme+util@1.0.0/node_modules/@acme/util', '1.0.0', 'production', true, '@acme/util'],
        ['node_modules/.pnpm/acme-db@3.1.0/node_modules/acme-db', '3.1.0', 'production', true, 'acme-db'],
        ['node_modules/.pnpm/acme-sasl@2.0.0/node_modules/acme-sasl', '2.0.0', 'production', false, 'acme-db > acme-sasl'],
        ['node_modules/.pnpm/crypto-js@4.2.0/node_modules/crypto-js', '4.2.0', 'production', true, 'crypto-js'],
      ],
    );
    const db = byLocation(audit, 'node_modules/.pnpm/acme-db@3.1.0/node_modules/acme-db');
    assert.deepEqual([db.counts.wouldThrow, db.loadedFrom], [2, 'src/app.js']);
    assert.ok(byLocation(audit, 'node_modules/.pnpm/acme-sasl@2.0.0/node_modules/acme-sasl').findings.every((f) => f.reachableFrom === 'src/app.js'), 'reached through the link beside acme-db');
    assert.doesNotMatch(audit.notices.join('\n'), /symbolic link/, 'links inside node_modules are followed, not reported');
  });

  it('a project opened through a symbolic link shows package paths relative to the path given', { skip: process.platform === 'win32' && 'symbolic links need privileges on Windows' }, () => {
    const dir = fixtureCopy();
    fs.rmSync(path.join(dir, 'package-lock.json'));
    const linked = path.join(tempTree('fipslint-deps-link-'), 'project');
    fs.symlinkSync(dir, linked, 'dir');
    const { stdout } = deps(['--no-cache'], linked);
    assert.match(stdout, /^ {2}node_modules\/acme-db\/lib\/password\.js:6:35 /m);
  });

  it('does not follow a linked package (a workspace, npm link) and says so', { skip: process.platform === 'win32' && 'symbolic links need privileges on Windows' }, () => {
    const dir = fixtureCopy();
    const outside = tempTree('fipslint-linked-', { 'package.json': '{"name":"linked","version":"1.0.0"}', 'index.js': "require('crypto').createHash('md5');\n" });
    fs.symlinkSync(outside, path.join(dir, 'node_modules', 'linked'), 'dir');
    const { audit } = auditJson(dir);
    assert.equal(audit.packages.some((p) => p.name === 'linked'), false);
    assert.match(audit.notices.join('\n'), /node_modules\/linked is a symbolic link .*not followed/);
  });

  it('refuses a folder without package.json or without node_modules with a clear message and exit 2', () => {
    const empty = tempTree('fipslint-deps-empty-');
    const noManifest = deps(['--no-cache'], empty);
    assert.equal(noManifest.code, 2);
    assert.match(noManifest.stderr, /package\.json: it does not exist/);
    fs.writeFileSync(path.join(empty, 'package.json'), '{"name":"x"}');
    const notInstalled = deps(['--no-cache'], empty);
    assert.equal(notInstalled.code, 2);
    assert.match(notInstalled.stderr, /node_modules does not exist: install the dependencies first \(npm ci\)/);
    assert.equal(deps(['--omit', 'prod'], empty).code, 2);
    assert.equal(deps(['--format', 'html'], empty).code, 2);
  });

  it('reports a package file it could not analyse instead of passing over it', () => {
    const dir = fixtureCopy();
    fs.writeFileSync(path.join(dir, 'node_modules', 'acme-tls', 'bundle.js'), `require('crypto').createHash('md5');\n${'// padding\n'.repeat(2000)}`);
    const { audit } = auditJson(dir, ['--max-file-size', '10kb']);
    assert.deepEqual(byLocation(audit, 'node_modules/acme-tls').notAnalysed.map((e) => e.file), ['bundle.js']);
    const text = deps(['--no-cache', '--max-file-size', '10kb'], dir).stdout;
    assert.match(text, /not analysed {2}node_modules\/acme-tls\/bundle\.js: 22 KB is over the 10 KB limit/);
    assert.match(text, /Not seen: 1 file not analysed \(listed above\);/);
  });

  it('the normal scan still never reads node_modules', () => {
    let stdout = '';
    runCli(['--format', 'json'], { cwd: FIXTURE, stdout: (t) => (stdout += t), stderr: () => undefined });
    assert.doesNotMatch(stdout, /node_modules/);
  });
});

describe('dependency cache folder', () => {
  it('is the user cache folder: XDG_CACHE_HOME, else ~/.cache', { skip: process.platform === 'win32' && '%LOCALAPPDATA% there' }, () => {
    assert.equal(defaultDependencyCacheDir({ XDG_CACHE_HOME: '/x/cache' }), path.join('/x/cache', 'fipslint', 'deps'));
    assert.equal(defaultDependencyCacheDir({}), path.join(os.homedir(), '.cache', 'fipslint', 'deps'));
  });
});
