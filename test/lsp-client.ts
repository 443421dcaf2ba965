import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  LogMessageNotification,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

// The bundle that ships in the .vsix (npm test builds it first).
export const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

/** A language client that speaks to the real server process over stdio, as any editor would. */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  settings: Record<string, unknown> = { enable: true, profile: 'fips-140-3', run: 'onType', rules: {} };
  readonly published: PublishDiagnosticsParams[] = [];
  /** window/showMessage notifications, as the user would see them. */
  readonly messages: string[] = [];
  /** window/logMessage notifications: what the editor's output panel shows. */
  readonly logs: string[] = [];
  private waiters: Array<() => void> = [];

  /** What the server wrote to standard error, when started with `{ stderr: 'pipe' }`. */
  stderr = '';

  constructor(env: NodeJS.ProcessEnv = process.env, options: { stderr?: 'pipe' | 'inherit' } = {}) {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', options.stderr ?? 'inherit'], env });
    this.process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    this.connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params.message);
    });
    this.connection.onRequest(ShowMessageRequest.type, (params) => {
      this.messages.push(params.message);
      return null;
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.listen();
  }

  /** Resolves with the first published diagnostics (from now on or already received) that match. */
  async diagnostics(match: (p: PublishDiagnosticsParams) => boolean, what: string): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = this.published.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no diagnostics: ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 1_000).unref();
      });
    }
  }

  async initialize(root: string, capabilities: ClientCapabilities, initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      capabilities,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendNotification(ExitNotification.type);
    return exited;
  }
}

