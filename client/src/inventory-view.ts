import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * The Explorer's "Crypto Inventory" view: status → algorithm → the places it is used. The data is
 * the server's inventory (`fipslint/inventoryChanged`); this file only draws it. Types are
 * restated here rather than imported so the client bundle stays free of the engine.
 */

type AssetStatus = 'NO' | 'DEPR' | 'TRANS' | 'NV' | 'LEGACY' | 'unknown' | 'OK';

interface Occurrence {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  api: string;
  cryptoFunction: string;
  status: AssetStatus;
  findings: string[];
}

interface Asset {
  id: string;
  name: string;
  assetType: 'algorithm' | 'protocol';
  primitive: string;
  mode?: string;
  padding?: string;
  parameterSetIdentifier?: string;
  curve?: string;
  oid?: string;
  protocolVersion?: string;
  library: string;
  status: AssetStatus;
  cryptoFunctions: string[];
  occurrences: Occurrence[];
}

export interface InventoryMessage {
  inventory: { profile: string; asOf: string; assets: Asset[]; totals: { assets: number; occurrences: number; assetsByStatus: Record<AssetStatus, number> } };
  roots: string[];
  statusLabels: Record<AssetStatus, string>;
  statusOrder: AssetStatus[];
}

const STATUS_ICONS: Record<AssetStatus, [string, string]> = {
  NO: ['error', 'errorForeground'],
  DEPR: ['warning', 'editorWarning.foreground'],
  TRANS: ['history', 'editorWarning.foreground'],
  NV: ['warning', 'editorWarning.foreground'],
  LEGACY: ['info', 'editorInfo.foreground'],
  unknown: ['question', 'descriptionForeground'],
  OK: ['pass', 'testing.iconPassed'],
};
const PRIMITIVE_ICONS: Record<string, string> = {
  hash: 'symbol-key',
  xof: 'symbol-key',
  mac: 'shield',
  'block-cipher': 'lock',
  'stream-cipher': 'lock',
  ae: 'lock',
  signature: 'pencil',
  pke: 'key',
  'key-agree': 'arrow-swap',
  kem: 'arrow-swap',
  kdf: 'symbol-namespace',
  drbg: 'symbol-event',
};

/**
 * The scheme of a use row's resource: the file's name and icon, but not its problem markers (which
 * VS Code draws on any `file:` row, so an approved SHA-256 in a file with a 3DES finding turned red
 * with the file's count). The row is decorated by the use's own status instead.
 */
const USE_SCHEME = 'fipslint-use';

/** Decorations of use rows: the colour of their status, no count. */
export class UseDecorations implements vscode.FileDecorationProvider {
  constructor(private readonly label: (status: AssetStatus) => string) {}

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== USE_SCHEME) return undefined;
    const status = new URLSearchParams(uri.query).get('status') as AssetStatus | null;
    if (!status || !(status in STATUS_ICONS)) return undefined;
    return { color: new vscode.ThemeColor(STATUS_ICONS[status][1]), tooltip: this.label(status), propagate: false };
  }
}

type Node = { kind: 'status'; status: AssetStatus; assets: Asset[] } | { kind: 'asset'; asset: Asset } | { kind: 'occurrence'; asset: Asset; occurrence: Occurrence };

export class InventoryView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private message: InventoryMessage | undefined;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<Node> | undefined;

  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
    this.render();
  }

  get current(): InventoryMessage | undefined {
    return this.message;
  }

  update(message: InventoryMessage | undefined): void {
    this.message = message;
    this.render();
    this.changed.fire(undefined);
  }

  private render(): void {
    if (!this.view) return;
    const totals = this.message?.inventory.totals;
    this.view.description = totals ? `${totals.assets} asset${totals.assets === 1 ? '' : 's'} · ${this.message!.inventory.profile}` : undefined;
    const notApproved = totals ? totals.assetsByStatus.NO : 0;
    this.view.badge = notApproved ? { value: notApproved, tooltip: `${notApproved} crypto asset${notApproved === 1 ? '' : 's'} not approved under ${this.message!.inventory.profile}` } : undefined;
  }

  getChildren(node?: Node): Node[] {
    const inventory = this.message?.inventory;
    if (!inventory) return [];
    if (!node) {
      return this.message!.statusOrder.map((status) => ({ kind: 'status' as const, status, assets: inventory.assets.filter((a) => a.status === status) })).filter((n) => n.assets.length > 0);
    }
    if (node.kind === 'status') return node.assets.map((asset) => ({ kind: 'asset' as const, asset }));
    if (node.kind === 'asset') return node.asset.occurrences.map((occurrence) => ({ kind: 'occurrence' as const, asset: node.asset, occurrence }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'status') {
      const item = new vscode.TreeItem(this.label(node.status), node.status === 'OK' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = `status:${node.status}`;
      item.description = `${node.assets.length}`;
      const [icon, color] = STATUS_ICONS[node.status];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
      item.contextValue = 'fipslint.status';
      return item;
    }
    if (node.kind === 'asset') {
      const { asset } = node;
      const item = new vscode.TreeItem(asset.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `asset:${asset.id}`;
      const uses = asset.occurrences.length;
      item.description = `${asset.library} · ${uses} use${uses === 1 ? '' : 's'}`;
      item.iconPath = new vscode.ThemeIcon(asset.assetType === 'protocol' ? 'globe' : PRIMITIVE_ICONS[asset.primitive] ?? 'symbol-misc');
      item.tooltip = assetTooltip(asset, this.label(asset.status));
      item.contextValue = 'fipslint.asset';
      return item;
    }
    const { occurrence, asset } = node;
    const relative = this.relativePath(occurrence.file);
    const item = new vscode.TreeItem(`${path.basename(occurrence.file)}:${occurrence.line}`, vscode.TreeItemCollapsibleState.None);
    item.id = `use:${asset.id}:${occurrence.file}:${occurrence.line}:${occurrence.column}`;
    item.description = `${path.dirname(relative) === '.' ? '' : `${path.dirname(relative)} · `}${occurrence.api}${occurrence.findings.length ? ` · ${occurrence.findings.join(', ')}` : ''}`;
    item.tooltip = `${relative}:${occurrence.line}:${occurrence.column}\n${occurrence.api} (${occurrence.cryptoFunction})\n${this.label(occurrence.status)}${occurrence.findings.length ? `\nFindings: ${occurrence.findings.join(', ')}` : ''}`;
    item.resourceUri = vscode.Uri.file(occurrence.file).with({ scheme: USE_SCHEME, query: `status=${occurrence.status}` });
    item.iconPath = vscode.ThemeIcon.File;
    const range = new vscode.Range(occurrence.line - 1, occurrence.column - 1, occurrence.endLine - 1, occurrence.endColumn - 1);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(occurrence.file), { selection: range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  label(status: AssetStatus): string {
    return this.message?.statusLabels[status] ?? status;
  }

  private relativePath(file: string): string {
    const root = this.message?.roots.find((r) => file.startsWith(r + path.sep));
    return root ? path.relative(root, file).split(path.sep).join('/') : file;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function assetTooltip(asset: Asset, statusLabel: string): vscode.MarkdownString {
  const rows: Array<[string, string | undefined]> = [
    ['Status', statusLabel],
    ['Kind', asset.assetType === 'protocol' ? 'protocol' : asset.primitive],
    ['Library', asset.library],
    ['Mode', asset.mode],
    ['Padding', asset.padding],
    ['Size', asset.parameterSetIdentifier && `${asset.parameterSetIdentifier} bits`],
    ['Curve', asset.curve],
    ['Versions', asset.protocolVersion],
    ['Operations', asset.cryptoFunctions.join(', ')],
    ['OID', asset.oid],
  ];
  const markdown = new vscode.MarkdownString(`**${escapeMarkdown(asset.name)}**\n\n`);
  for (const [label, value] of rows) if (value) markdown.appendMarkdown(`${label}: ${escapeMarkdown(value)}  \n`);
  return markdown;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

/** Ask for the CBOM and save it where the user says. */
export async function exportCbom(client: LanguageClient, view: InventoryView, scan: () => Promise<void>): Promise<void> {
  if (!view.current) await scan();
  const answer = (await client.sendRequest('fipslint/cbom', {})) as { json: string } | null;
  if (!answer) {
    void vscode.window.showWarningMessage('fipslint: no inventory yet: scan the workspace first (fipslint: Scan Workspace).');
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export CycloneDX CBOM',
    saveLabel: 'Export',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'cbom.cdx.json') : undefined,
    filters: { 'CycloneDX JSON': ['json'] },
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(answer.json, 'utf8'));
  const choice = await vscode.window.showInformationMessage(`fipslint: CBOM written to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (choice) await vscode.window.showTextDocument(target);
}
