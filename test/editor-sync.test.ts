import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TestClient } from './lsp-client';
import { removeTempTrees, tempTree } from './temp-tree';

/**
 * One source of truth per document (issue 18): whatever mix of workspace scan (pushed), pull
 * requests, open, edit, save and close happens, the editor never shows a finding twice or a
 * finding of text that is gone; with `run: onSave`, requests never change what is shown.
 */
after(removeTempTrees);

const SOURCE = "import crypto from 'node:crypto';\nexport const h = crypto.createHash('md5');\nexport const c = crypto.createCipheriv('des-ede3-cbc', key, iv);\n";
const PULL = { workspace: { configuration: true, workspaceFolders: true }, textDocument: { diagnostic: { dynamicRegistration: false } } };
const codes = (items: Diagnostic[]) => items.map((d) => String(d.code)).sort();

async function pull(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] };
  return report.items;
}

/**
 * A server over stdio for a workspace holding `a.ts` (with `text`), opened: `body` gets the client
 * the file's URI and the workspace folder. The client is stopped (its exit code checked) or killed, whatever happens.
 */
async function withOpenFile(prefix: string, capabilities: object, text: string, body: (client: TestClient, uri: string, workspace: string) => Promise<void>): Promise<void> {
  const workspace = tempTree(prefix, { 'a.ts': text });
  const uri = pathToFileURL(path.join(workspace, 'a.ts')).href;
  const client = new TestClient();
  try {
    await client.initialize(workspace, capabilities);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    await body(client, uri, workspace);
    assert.equal(await client.stop(), 0);
  } finally {
    if (client.process.exitCode === null) client.process.kill();
  }
}

/** The diagnostics the client holds for a file from pushes: the last push wins. */
function lastPush(client: TestClient, uri: string): PublishDiagnosticsParams | undefined {
  return [...client.published].reverse().find((p) => p.uri === uri);
}

async function settle(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('scan, then open, fix, save and close, with a client that pulls', () => {
  it('never shows a finding twice, and a closed file shows what is on disk', async () => {
    const workspace = tempTree('fipslint-sync-', { 'src/a.ts': SOURCE });
    const file = path.join(workspace, 'src', 'a.ts');
    const uri = pathToFileURL(file).href;
    const client = new TestClient();
    try {
      await client.initialize(workspace, PULL);
      client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(workspace).href, name: 'ws' }]);
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'fipslint.scanWorkspace', arguments: [] });
      assert.deepEqual(codes(lastPush(client, uri)!.diagnostics), ['cipher-algorithm', 'hash-algorithm'], 'the scan pushes the closed file');

      // Open: the pull takes over and the pushed copy is cleared, so each finding shows once.
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
      await settle(() => lastPush(client, uri)!.diagnostics.length === 0, 'the pushed copy is cleared on open');
      assert.deepEqual(codes(await pull(client, uri)), ['cipher-algorithm', 'hash-algorithm']);

      // Fix the 3DES line and save: the pull shows the new text only.
      const fixed = SOURCE.replace("'des-ede3-cbc'", "'aes-256-gcm'");
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
      fs.writeFileSync(file, fixed);
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
      assert.deepEqual(codes(await pull(client, uri)), ['hash-algorithm']);
      assert.equal(lastPush(client, uri)!.diagnostics.length, 0, 'no stale pushed copy while open');

      // Close: the client drops the pulled copy; the server pushes the file on disk again, fixed.
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      await settle(() => lastPush(client, uri)!.diagnostics.length > 0, 'the closed file is pushed again');
      assert.deepEqual(codes(lastPush(client, uri)!.diagnostics), ['hash-algorithm'], 'the fixed 3DES finding is gone, the real MD5 one stays');
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
    }
  });
});

describe('run: onSave', () => {
  for (const mode of ['pull', 'push'] as const) {
    it(`shows the saved text's findings while the user types, even after a hover and a code action (${mode})`, async () => {
      const workspace = tempTree('fipslint-onsave-', { 'a.ts': SOURCE });
      const uri = pathToFileURL(path.join(workspace, 'a.ts')).href;
      const client = new TestClient();
      client.settings = { ...client.settings, run: 'onSave' };
      try {
        await client.initialize(workspace, mode === 'pull' ? PULL : { workspace: { configuration: true } });
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
        const saved = mode === 'pull' ? await pull(client, uri) : (await client.diagnostics((p) => p.uri === uri && p.version === 1, 'the saved text')).diagnostics;
        assert.deepEqual(codes(saved), ['cipher-algorithm', 'hash-algorithm']);
        // Unsaved: a third finding typed, then a hover and a code action analyse the unsaved text.
        const edited = SOURCE + "export const s = crypto.createHash('md4');\n";
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 38 } });
        await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 10 } }, context: { diagnostics: [] } });
        if (mode === 'pull') assert.deepEqual(codes(await pull(client, uri)), ['cipher-algorithm', 'hash-algorithm'], 'the unsaved MD4 is not shown before saving');
        else {
          await new Promise((resolve) => setTimeout(resolve, 300));
          assert.ok(!client.published.some((p) => p.uri === uri && p.version === 2), 'nothing published for the unsaved version');
        }
        await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
        const after = mode === 'pull' ? await pull(client, uri) : (await client.diagnostics((p) => p.uri === uri && p.version === 2, 'after saving')).diagnostics;
        assert.equal(after.filter((d) => d.code === 'hash-algorithm').length, 2, 'after saving, the MD4 finding shows');
        assert.equal(await client.stop(), 0);
      } finally {
        if (client.process.exitCode === null) client.process.kill();
      }
    });
  }
});

describe('pulled reports', () => {
  it('answer "unchanged" when the client already holds the result, and the full list after an edit', () =>
    withOpenFile('fipslint-resultid-', PULL, SOURCE, async (client, uri) => {
      type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
      const request = (previousResultId?: string) => client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }) as Promise<Report>;
      const first = await request();
      assert.equal(first.kind, 'full');
      assert.deepEqual(codes(first.items!), ['cipher-algorithm', 'hash-algorithm']);
      assert.ok(first.resultId);
      const again = await request(first.resultId);
      assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: SOURCE + "export const s = crypto.createHash('md4');\n" }] });
      const edited = await request(first.resultId);
      assert.equal(edited.kind, 'full');
      assert.notEqual(edited.resultId, first.resultId);
      assert.equal(edited.items!.filter((d) => d.code === 'hash-algorithm').length, 2);
    }));
});

describe('pushed diagnostics', () => {
  it('are not sent again when a save changes nothing', () =>
    withOpenFile('fipslint-nopush-', { workspace: { configuration: true } }, SOURCE, async (client, uri) => {
      await client.diagnostics((p) => p.uri === uri && p.version === 1, 'the open file');
      const sent = client.published.filter((p) => p.uri === uri).length;
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(client.published.filter((p) => p.uri === uri).length, sent, 'the same diagnostics are not sent twice');
      // An edit is sent.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: SOURCE + '\n' }] });
      await client.diagnostics((p) => p.uri === uri && p.version === 2, 'the edited file');
    }));
});

describe('files created on disk without a watcher event', () => {
  it('a module written next to the open file is found on the next edit', () => {
    const importer = "import crypto from 'node:crypto';\nimport { DIGEST } from './crypto-config';\nexport const h = crypto.createHash(DIGEST);\n";
    return withOpenFile('fipslint-newfile-', PULL, importer, async (client, uri, workspace) => {
      assert.deepEqual(codes(await pull(client, uri)), [], 'the constant is unknown while its module does not exist');
      // Another tool writes the module; the client sends no file event (not every client watches files).
      fs.writeFileSync(path.join(workspace, 'crypto-config.ts'), "export const DIGEST = 'md5';\n");
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: importer + '\n' }] });
      assert.deepEqual(codes(await pull(client, uri)), ['hash-algorithm']);
    });
  });
});

describe('the output panel', () => {
  it('says what the server does: its start, the configuration it uses, each workspace scan', async () => {
    const workspace = tempTree('fipslint-log-', { 'a.ts': SOURCE, 'fipslint.config.json': '{ "profile": "fips-140-3" }' });
    const uri = pathToFileURL(path.join(workspace, 'a.ts')).href;
    const client = new TestClient();
    try {
      await client.initialize(workspace, { workspace: { configuration: true, workspaceFolders: true } });
      client.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(workspace).href, name: 'ws' }]);
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
      await client.diagnostics((p) => p.uri === uri, 'the open file');
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'fipslint.scanWorkspace', arguments: [] });
      await settle(() => client.logs.some((l) => /^workspace scan: 1 files linted, 2 findings, 0 paths not read, in [\d.]+ s$/.test(l)), 'the scan is logged');
      assert.ok(client.logs.some((l) => /^fipslint \S+ started \(Node v\d+/.test(l)), client.logs.join('\n'));
      assert.ok(client.logs.some((l) => l === `using the configuration ${path.join(workspace, 'fipslint.config.json')}`), client.logs.join('\n'));
      // Closed and opened again, then a settings change: logged when it arrives, and once more
      // when the open file takes it.
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: SOURCE } });
      await client.diagnostics((p) => p.uri === uri && p.diagnostics.length > 0, 'the file opened again');
      client.settings = { ...client.settings, run: 'onSave' };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await settle(() => client.logs.includes('a.ts now lints with enable true, run onSave, profile fips-140-3'), 'the open file says it took the new settings');
      assert.ok(client.logs.includes('settings changed: open files are linted again with them'), client.logs.join('\n'));
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill();
    }
  });
});
