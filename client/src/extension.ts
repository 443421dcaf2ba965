import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { InventoryView, UseDecorations, exportCbom, type DependenciesMessage, type InventoryMessage } from './inventory-view';

/**
 * The VS Code side: starts the bundled language server, restarts it when it dies, and adds the
 * commands and the status bar item. Everything about crypto lives in the server.
 */

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
const RESTRICTED_MODE =
  'Restricted Mode: fipslint lints open files with its default policy (it never runs the code it reads), and ignores this workspace\'s fipslint.config.json and fipslint settings until you trust it; the workspace scan is off.';
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // A log channel: the client writes levels (a clean stop is "Server process exited successfully", info).
  const output = vscode.window.createOutputChannel('fipslint', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    // Pull as the user types (run: onType; the server answers onSave mode with the saved text's
    // findings), and when an editor gets focus again: settings or other files may have changed
    // while it was in a background tab, and a refresh only reaches the visible ones.
    diagnosticPullOptions: { onChange: true, onFocus: true },
    errorHandler: restartingErrorHandler(output),
    // In Restricted Mode the server ignores the workspace's fipslint.config.json (VS Code already
    // ignores its restricted settings) and refuses the workspace scan; trusting restarts it whole.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    middleware: {
      // "Suppress for this line" as a snippet: the comment goes in, the cursor waits after `-- ` for the reason.
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        for (const action of actions ?? []) {
          const data = (action as vscode.CodeAction & { data?: { fipslintSuppression?: SuppressionSnippet } }).data?.fipslintSuppression;
          if (!data || !(action instanceof vscode.CodeAction)) continue;
          action.edit = undefined;
          action.command = { title: action.title, command: INSERT_SUPPRESSION, arguments: [data] };
        }
        return actions;
      },
    },
  };
  client = new LanguageClient('fipslint', 'fipslint', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'fipslint';
  status.command = 'workbench.actions.view.problems';
  const updateStatus = () => renderStatus(status, client);
  const inventory = new InventoryView();
  const inventoryTree = vscode.window.createTreeView('fipslint.inventory', { treeDataProvider: inventory, showCollapseAll: true });
  inventory.attach(inventoryTree);
  context.subscriptions.push(vscode.window.registerFileDecorationProvider(new UseDecorations((status) => inventory.label(status))));
  context.subscriptions.push(
    inventory,
    inventoryTree,
    client.onNotification('fipslint/inventoryChanged', (message: InventoryMessage) => inventory.update(message)),
    // A restarted server starts without an inventory; the view keeps the last one until the next scan.
    client.onDidChangeState(async ({ newState }) => {
      if (newState !== State.Running || !client) return;
      const current = (await client.sendRequest('fipslint/inventory', {})) as InventoryMessage | null;
      if (current) inventory.update(current);
    }),
    vscode.commands.registerCommand('fipslint.inventory.refresh', () => scanWorkspace({ quiet: true })),
    vscode.commands.registerCommand('fipslint.exportCbom', () => client && exportCbom(client, inventory, () => scanWorkspace({ quiet: true }))),
    vscode.commands.registerCommand('fipslint.auditDependencies', async () => {
      if (!client) return;
      // The server shows the progress (and its Cancel button) while it scans node_modules.
      const message = (await client.sendRequest('fipslint/auditDependencies', {})) as DependenciesMessage;
      if (message.restricted || message.cancelled) return;
      for (const folder of message.folders) if (folder.error) void vscode.window.showWarningMessage(`fipslint: no dependency audit of ${folder.root}: ${folder.error}`);
      inventory.showDependencies(message);
      await inventoryTree.reveal(inventory.dependenciesNode(), { expand: true, focus: false, select: false });
    }),
  );
  context.subscriptions.push(
    output,
    status,
    client.onDidChangeState(updateStatus),
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand('fipslint.scan', () => scanWorkspace()),
    vscode.commands.registerCommand('fipslint.fixAll', () => fixAllInActiveFile()),
    vscode.commands.registerCommand('fipslint.restart', async () => {
      await client?.restart();
      vscode.window.setStatusBarMessage('fipslint: server restarted', 3000);
    }),
    vscode.commands.registerCommand('fipslint.output', () => output.show()),
    vscode.commands.registerCommand(INSERT_SUPPRESSION, (data: SuppressionSnippet) => insertSuppression(data)),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      clientOptions.initializationOptions = { workspaceTrusted: true };
      await client.restart();
      output.appendLine(`[${new Date().toISOString()}] workspace trusted: fipslint now reads the workspace's fipslint.config.json and settings`);
    }),
  );
  status.show();
  updateStatus();
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function renderStatus(status: vscode.StatusBarItem, languageClient: LanguageClient | undefined): void {
  const state = languageClient?.state;
  if (state === State.Starting) {
    status.text = '$(sync~spin) fipslint';
    status.tooltip = 'fipslint: starting the server';
    return;
  }
  if (state !== State.Running) {
    status.text = '$(error) fipslint';
    status.tooltip = 'fipslint: the server is not running (fipslint: Restart Server)';
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const findings = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'fipslint').length : 0;
  status.text = findings ? `$(shield) fipslint: ${findings}` : '$(shield) fipslint';
  status.tooltip = findings ? `${findings} FIPS finding${findings === 1 ? '' : 's'} in this file` : 'fipslint: no FIPS findings in this file';
  if (!vscode.workspace.isTrusted) status.tooltip += ` — ${RESTRICTED_MODE}`;
}

/** Restart a crashed server a few times, saying so; give up (and say so) if it keeps dying. */
function restartingErrorHandler(output: vscode.OutputChannel): ErrorHandler {
  const restarts: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        void vscode.window.showErrorMessage(`fipslint: the server stopped ${MAX_RESTARTS} times in 3 minutes and will not be restarted. See the fipslint output.`);
        return { action: CloseAction.DoNotRestart };
      }
      restarts.push(now);
      output.appendLine(`[${new Date().toISOString()}] the fipslint server stopped; restarting it`);
      void vscode.window.setStatusBarMessage('fipslint: server stopped, restarting', 5000);
      return { action: CloseAction.Restart };
    },
  };
}

/** `quiet`: started from the inventory view, which shows the result itself. */
async function scanWorkspace({ quiet = false } = {}): Promise<void> {
  if (!client) return;
  const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: 'fipslint.scanWorkspace', arguments: [] })) as { files: number; findings: number; cancelled: boolean; restricted?: boolean; assets?: number; notRead?: number } | undefined;
  if (!result || result.restricted || quiet) return; // the server has said why
  const assets = result.assets ? `; ${result.assets} crypto asset${result.assets === 1 ? '' : 's'} in the Crypto Inventory view` : '';
  const message = `fipslint: ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'}${assets}${result.cancelled ? ' (scan cancelled)' : ''}.${result.notRead ? ` ${result.notRead} path${result.notRead === 1 ? '' : 's'} could not be read: the scan is incomplete (see the fipslint output).` : ''}`;
  if (result.findings > 0) {
    const choice = await vscode.window.showInformationMessage(message, 'Show Problems');
    if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
  } else {
    void vscode.window.showInformationMessage(message);
  }
}

async function fixAllInActiveFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || !LANGUAGES.includes(editor.document.languageId)) return;
  await client.sendRequest(ExecuteCommandRequest.type, { command: 'fipslint.applyFixAll', arguments: [editor.document.uri.toString()] });
}

/** A client-only command: the suppression code action, as a snippet. */
const INSERT_SUPPRESSION = 'fipslint.insertSuppression';

interface SuppressionSnippet {
  uri: string;
  line: number;
  indent: string;
  ruleId: string;
  eol: string;
}

async function insertSuppression(data: SuppressionSnippet): Promise<void> {
  const uri = vscode.Uri.parse(data.uri);
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ?? (await vscode.window.showTextDocument(uri));
  const escape = (text: string) => text.replace(/[$}\\]/g, '\\$&');
  await editor.insertSnippet(new vscode.SnippetString(`${escape(data.indent)}// fipslint-disable-next-line ${escape(data.ruleId)} -- $0${escape(data.eol)}`), new vscode.Position(data.line, 0));
}
