import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { RULES } from '../rules';
import { defineRule } from '../server/src/engine/rule';
import { startServer } from '../server/src/lsp/server';

/** A rule with a bug: it throws on every createHash call. */
const brokenRule = defineRule({
  meta: { id: 'broken-rule', category: 'hash', description: 'A rule that throws, to test fault isolation', reference: '§2.1', standards: ['none'], fix: 'none', apis: ['crypto.createHash'] },
  create: () => ({
    calls: {
      'crypto.createHash': () => {
        throw new TypeError('cannot read properties of undefined');
      },
    },
  }),
});

/** The server in this process (with the broken rule added), and a client on the other end of two pipes. */
function connect() {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), [...RULES, brokenRule]);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
  });
  client.onNotification(LogMessageNotification.type, (p) => {
    logs.push(p.message);
  });
  client.listen();
  return { client, published, logs, close: () => (client.dispose(), toServer.end(), toClient.end()) };
}

async function until<T>(get: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const TEXT = "import crypto from 'node:crypto';\nexport const h = crypto.createHash('md5');\nexport const k = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });\n";

describe('language server: faults', () => {
  it('reports a rule that throws once (log and one diagnostic), and the other rules still run', async () => {
    const { client, published, logs, close } = connect();
    try {
      await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
      await client.sendNotification(InitializedNotification.type, {});
      const uri = 'file:///virtual/service.ts';
      await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: TEXT } });
      const first = await until(() => published.find((p) => p.uri === uri), 'diagnostics');
      assert.deepEqual(first.diagnostics.map((d) => d.code).sort(), ['fipslint-internal-error', 'hash-algorithm', 'rsa-key-size']);
      assert.match(String(first.diagnostics.find((d) => d.code === 'fipslint-internal-error')!.message), /rule broken-rule failed on this file.*the other rules ran/);
      // Two more versions: still one diagnostic per version, and the error is logged only once.
      for (const version of [2, 3]) {
        await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: TEXT + `// edit ${version}\n` }] });
        await until(() => published.find((p) => p.uri === uri && p.version === version), `version ${version}`);
      }
      assert.equal(published.filter((p) => p.uri === uri).at(-1)!.diagnostics.filter((d) => d.code === 'fipslint-internal-error').length, 1);
      assert.equal(logs.filter((l) => /rule broken-rule failed/.test(l)).length, 1, logs.join('\n'));
    } finally {
      close();
    }
  });

  it('answers a cancelled request with RequestCancelled and keeps serving', async () => {
    const { client, close } = connect();
    try {
      await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } }, workspaceFolders: null });
      await client.sendNotification(InitializedNotification.type, {});
      const uri = 'file:///virtual/pull.ts';
      await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: TEXT } });
      const source = new CancellationTokenSource();
      const cancelled = client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 37 } }, source.token);
      source.cancel();
      await assert.rejects(cancelled, (error: { code?: number }) => error.code === -32800, 'RequestCancelled');
      const report = (await client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Array<{ code?: unknown }> };
      assert.ok(report.items.some((d) => d.code === 'hash-algorithm'), 'the next request is served');
    } finally {
      close();
    }
  });
});
