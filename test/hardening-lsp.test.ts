import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { CodeActionRequest, DidOpenTextDocumentNotification, HoverRequest, type CodeAction, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { denseFileText } from '../bench/generate';
import { TestClient } from './lsp-client';
import { removeTempTrees, tempTree } from './temp-tree';

/** The language server as a hostile workspace and a broken client would drive it (issue 17). */
const MD5 = "import crypto from 'node:crypto';\nexport const h = crypto.createHash('md5');\n";
after(removeTempTrees);

function workspace(files: Record<string, string> = {}): string {
  return tempTree('fipslint-hard-lsp-', files);
}

async function open(client: TestClient, uri: string, text: string): Promise<void> {
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code ?? '')).sort();

async function withClient(body: (client: TestClient) => Promise<void>, options?: { stderr?: 'pipe' }): Promise<void> {
  const client = new TestClient(process.env, options);
  try {
    await body(client);
  } finally {
    if (client.process.exitCode === null) client.process.kill();
  }
}

describe('language server: a hostile or broken configuration never hides findings (items 2 and 3)', () => {
  /** The open file still has its MD5 finding (defaults apply), and the configuration's problem is shown on it. */
  async function lintedWithDefaults(client: TestClient, dir: string, problem: RegExp): Promise<string> {
    await client.initialize(dir, { workspace: { configuration: true } });
    const uri = pathToFileURL(path.join(dir, 'src', 'a.ts')).href;
    await open(client, uri, MD5);
    assert.deepEqual(codes(await client.diagnostics((p) => p.uri === uri, 'the open file')), ['hash-algorithm']);
    const config = await client.diagnostics((p) => p.uri.endsWith('/fipslint.config.json'), 'the configuration problem');
    assert.match(String(config.diagnostics[0].message), problem);
    return uri;
  }

  it('a configuration linked to /dev/zero: refused with the reason, the file linted with defaults, the server still answers', () =>
    withClient(async (client) => {
      const dir = workspace({ 'src/a.ts': MD5 });
      fs.symlinkSync('/dev/zero', path.join(dir, 'fipslint.config.json'));
      const uri = await lintedWithDefaults(client, dir, /refused to read the file: not a regular file \(a character device\)/);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 37 } });
      assert.ok(hover, 'the server still answers');
      assert.equal(await client.stop(), 0);
    }));

  it('a configuration nested 10,000 deep: the open file keeps its MD5 finding and the problem is shown on the configuration', () =>
    withClient(async (client) => {
      const dir = workspace({ 'src/a.ts': MD5, 'fipslint.config.json': `{"rules": ${'['.repeat(10_000)}${']'.repeat(10_000)}}` });
      await lintedWithDefaults(client, dir, /nested more than 64 levels deep.*fipslint is using its defaults/);
      assert.equal(await client.stop(), 0);
    }));
});

describe('language server: a garbled stream ends the server, so the client restarts it (item 4)', () => {
  const garbage: Record<string, Buffer> = {
    'a Content-Length longer than the body, then the next message': Buffer.from('Content-Length: 60\r\n\r\n{"jsonrpc":"2.0","method":"x"}Content-Length: 30\r\n\r\n{"jsonrpc":"2.0","method":"y"}'),
    'a Content-Length shorter than the body': Buffer.from('Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":7,"method":"shutdown"}'),
    'binary bytes': Buffer.concat([Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256)), Buffer.from('\r\n\r\n')]),
  };
  for (const [name, bytes] of Object.entries(garbage)) {
    it(`${name}: exits with an error and says why`, () =>
      withClient(
        async (client) => {
          const dir = workspace();
          await client.initialize(dir, {});
          const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
          client.process.stdin!.write(bytes);
          const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000).unref());
          const code = await Promise.race([exited, timeout]);
          assert.notEqual(code, 'still running', 'the server kept running, answering nothing');
          assert.equal(code, 1);
          assert.match(client.stderr, /the language server's input is not valid LSP .*exiting so the editor can restart it/);
        },
        { stderr: 'pipe' },
      ));
  }
});

describe('language server: an opted-in huge file (item 5)', () => {
  it('is analysed off the main thread, publishes at most 1,000 diagnostics and one "N more" notice, and other requests are answered meanwhile', () =>
    withClient(async (client) => {
      const dir = workspace();
      const dense = denseFileText();
      const bigText = Array.from({ length: 14 }, () => dense).join('\n');
      assert.ok(bigText.length > 3 * 1024 * 1024, 'over the default 2 MB limit: analysed only because maxFileSize is 0');
      client.settings = { ...client.settings, maxFileSize: 0 };
      await client.initialize(dir, { workspace: { configuration: true } });
      const bigUri = pathToFileURL(path.join(dir, 'generated.ts')).href;
      const smallUri = pathToFileURL(path.join(dir, 'small.ts')).href;
      await open(client, bigUri, bigText);
      await open(client, smallUri, MD5);
      const small = await client.diagnostics((p) => p.uri === smallUri, 'the small file');
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: smallUri }, position: { line: 1, character: 37 } });
      const answeredBeforeBig = !client.published.some((p) => p.uri === bigUri);
      const big = await client.diagnostics((p) => p.uri === bigUri && p.diagnostics.length > 0, 'the huge file');
      assert.deepEqual(codes(small), ['hash-algorithm']);
      assert.ok(hover && answeredBeforeBig, 'a hover on another file was answered while the huge file was analysed');
      assert.equal(big.diagnostics.length, 1001);
      const more = big.diagnostics.find((d) => d.code === 'fipslint-more-findings');
      assert.match(String(more?.message), /^fipslint found [\d,]+ problems in this file and shows the first 1,000; [\d,]+ more are not shown/);
      const total = Number(/found ([\d,]+) problems/.exec(String(more?.message))![1].replace(/,/g, ''));
      assert.ok(total > 9000, `the notice counts every finding (${total})`);
      assert.equal(await client.stop(), 0);
    }));
});

describe('language server: a fix never edits bytes it cannot read back (item 6)', () => {
  it('a fix in another file is offered when that file is valid UTF-8, and not at all when it is not', () =>
    withClient(async (client) => {
      const dir = workspace({ 'valid/config.ts': "export const HASH = 'md5';\n" });
      fs.mkdirSync(path.join(dir, 'latin1'));
      fs.writeFileSync(path.join(dir, 'latin1', 'config.ts'), Buffer.concat([Buffer.from("export const LABEL = '"), Buffer.from([0xe9]), Buffer.from("';\nexport const HASH = 'md5';\n")]));
      const text = "import crypto from 'node:crypto';\nimport { HASH } from './config';\nexport const h = crypto.createHash(HASH);\n";
      await client.initialize(dir, { workspace: { configuration: true } });
      const titles: Record<string, string[]> = {};
      for (const folder of ['valid', 'latin1']) {
        const uri = pathToFileURL(path.join(dir, folder, 'a.ts')).href;
        fs.writeFileSync(path.join(dir, folder, 'a.ts'), text);
        await open(client, uri, text);
        const published = await client.diagnostics((p) => p.uri === uri && p.diagnostics.length > 0, folder);
        const diagnostic = published.diagnostics.find((d) => d.code === 'hash-algorithm')!;
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
        titles[folder] = actions.filter((a) => a.edit && Object.keys(a.edit.changes ?? {}).some((u) => u.endsWith('/config.ts'))).map((a) => a.title);
      }
      assert.ok(titles.valid.length > 0, 'the fix edits config.ts when it can');
      assert.deepEqual(titles.latin1, [], 'no fix edits a file whose bytes would not survive');
      assert.equal(await client.stop(), 0);
    }));
});

describe('language server: reads only the workspace (item 10) and says when it cannot (item 14)', () => {
  it('an import that leads outside the workspace folder is not read', () =>
    withClient(async (client) => {
      const base = workspace({ 'outside/settings.json': JSON.stringify({ HASH: 'md5' }) });
      const dir = path.join(base, 'ws');
      const text = "import crypto from 'node:crypto';\nimport { HASH } from '../outside/settings.json';\nexport const h = crypto.createHash(HASH);\n";
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'a.ts'), text);
      client.settings = { ...client.settings, reportUnresolved: true };
      await client.initialize(dir, { workspace: { configuration: true } });
      const uri = pathToFileURL(path.join(dir, 'a.ts')).href;
      await open(client, uri, text);
      const published = await client.diagnostics((p) => p.uri === uri, 'the file');
      assert.deepEqual(codes(published), ['fipslint-unresolved'], 'md5 from outside the workspace is not known');
      assert.match(String(published.diagnostics[0].message), /`\.\.\/outside\/settings\.json`, which is outside the folders fipslint reads/);
      assert.equal(await client.stop(), 0);
    }));

  it('a file: URI of another host is linted from its text, with a notice that its folder was not read', () =>
    withClient(async (client) => {
      await client.initialize(workspace(), { workspace: { configuration: true } });
      const uri = 'file://remotehost/share/project/a.ts';
      await open(client, uri, MD5);
      const published = await client.diagnostics((p) => p.uri === uri, 'the remote file');
      assert.deepEqual(codes(published), ['fipslint-remote-file', 'hash-algorithm']);
      assert.match(String(published.diagnostics.find((d) => d.code === 'fipslint-remote-file')!.message), /its URI names another host \(remotehost\), so the fipslint\.config\.json of its folder and the modules it imports were not read/);
      assert.equal(await client.stop(), 0);
    }));
});

