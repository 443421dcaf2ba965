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
  /** In a dependency: the project file whose imports load this file. */
  reachableFrom?: string;
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

/** What the server's dependency audit sends (`fipslint/auditDependencies`). */
interface DependencyPackage {
  name: string;
  version: string;
  location: string;
  scope: 'production' | 'development' | 'unused';
  route: string;
  counts: { wouldThrow: number; notApproved: number; other: number; notValidated: number; reachable: number };
  cryptoLibrary?: string;
  loadedFrom?: string;
  findings: number;
  notAnalysed: number;
  unresolved: number;
  assets: Asset[];
}

interface DependencyFolder {
  root: string;
  error?: string;
  source?: string;
  packages: DependencyPackage[];
  audited: number;
  notInstalled: number;
  notices: string[];
}

export interface DependenciesMessage {
  restricted?: boolean;
  cancelled?: boolean;
  folders: DependencyFolder[];
  statusLabels: Record<AssetStatus, string>;
  statusOrder: AssetStatus[];
}

const SCOPE_RANK = { production: 0, development: 1, unused: 2 } as const;

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

type Node =
  | { kind: 'status'; status: AssetStatus; assets: Asset[] }
  | { kind: 'asset'; asset: Asset; inDependency?: boolean }
  | { kind: 'occurrence'; asset: Asset; occurrence: Occurrence; inDependency?: boolean }
  | { kind: 'dependencies' }
  | { kind: 'folder'; folder: DependencyFolder }
  | { kind: 'package'; pkg: DependencyPackage; root: string };

export class InventoryView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private message: InventoryMessage | undefined;
  private dependencies: DependenciesMessage | undefined;
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

  /** The result of an audit the user asked for: shown under "Dependencies" until the next one. */
  showDependencies(message: DependenciesMessage): void {
    this.dependencies = message;
    this.changed.fire(undefined);
  }

  /** The "Dependencies" node, to reveal after an audit. */
  dependenciesNode(): Node {
    return DEPENDENCIES_NODE;
  }

  getParent(): undefined {
    return undefined;
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
    if (!node) {
      const statuses = inventory ? this.message!.statusOrder.map((status) => ({ kind: 'status' as const, status, assets: inventory.assets.filter((a) => a.status === status) })).filter((n) => n.assets.length > 0) : [];
      return this.dependencies ? [...statuses, DEPENDENCIES_NODE] : statuses;
    }
    switch (node.kind) {
      case 'status':
        return node.assets.map((asset) => ({ kind: 'asset' as const, asset }));
      case 'asset':
        return node.asset.occurrences.map((occurrence) => ({ kind: 'occurrence' as const, asset: node.asset, occurrence, inDependency: node.inDependency }));
      case 'dependencies': {
        const folders = this.dependencies?.folders ?? [];
        return folders.length === 1 ? packagesOf(folders[0]) : folders.map((folder) => ({ kind: 'folder' as const, folder }));
      }
      case 'folder':
        return packagesOf(node.folder);
      case 'package':
        return node.pkg.assets.map((asset) => ({ kind: 'asset' as const, asset, inDependency: true }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'dependencies') return this.dependenciesItem();
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(path.basename(node.folder.root), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `dependencies:${node.folder.root}`;
      item.description = node.folder.error ?? folderSummary(node.folder);
      item.iconPath = new vscode.ThemeIcon(node.folder.error ? 'warning' : 'root-folder');
      return item;
    }
    if (node.kind === 'package') return packageItem(node.pkg, node.root);
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
    const reach = node.inDependency ? (occurrence.reachableFrom ? `reachable from ${occurrence.reachableFrom}` : 'present in package') : undefined;
    item.description = `${path.dirname(relative) === '.' ? '' : `${path.dirname(relative)} · `}${occurrence.api}${occurrence.findings.length ? ` · ${occurrence.findings.join(', ')}` : ''}${reach ? ` · ${reach}` : ''}`;
    item.tooltip = `${relative}:${occurrence.line}:${occurrence.column}\n${occurrence.api} (${occurrence.cryptoFunction})\n${this.label(occurrence.status)}${occurrence.findings.length ? `\nFindings: ${occurrence.findings.join(', ')}` : ''}${reach ? `\n${reach[0].toUpperCase()}${reach.slice(1)}${occurrence.reachableFrom ? " (the project's imports load this file)" : " (the project's imports do not load this file)"}` : ''}`;
    item.resourceUri = vscode.Uri.file(occurrence.file).with({ scheme: USE_SCHEME, query: `status=${occurrence.status}` });
    item.iconPath = vscode.ThemeIcon.File;
    const range = new vscode.Range(occurrence.line - 1, occurrence.column - 1, occurrence.endLine - 1, occurrence.endColumn - 1);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(occurrence.file), { selection: range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  label(status: AssetStatus): string {
    return this.message?.statusLabels[status] ?? this.dependencies?.statusLabels[status] ?? status;
  }

  private dependenciesItem(): vscode.TreeItem {
    const folders = this.dependencies?.folders ?? [];
    const item = new vscode.TreeItem('Dependencies', vscode.TreeItemCollapsibleState.Expanded);
    item.id = 'dependencies';
    item.iconPath = new vscode.ThemeIcon('package');
    item.description = folders.length === 1 ? (folders[0].error ?? folderSummary(folders[0])) : `${folders.length} folders`;
    item.tooltip = new vscode.MarkdownString(
      'Installed packages (`node_modules`) with crypto, from **fipslint: Audit Dependencies**. A finding shows what a package can do; ' +
        '"reachable from" means the project\'s imports load that file. Findings in dependencies never appear in Problems.' +
        folders.flatMap((f) => f.notices.map((n) => `\n\n- ${escapeMarkdown(n)}`)).join(''),
    );
    item.contextValue = 'fipslint.dependencies';
    return item;
  }

  private relativePath(file: string): string {
    const root = this.message?.roots.find((r) => file.startsWith(r + path.sep));
    return root ? path.relative(root, file).split(path.sep).join('/') : file;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const DEPENDENCIES_NODE: Node = { kind: 'dependencies' };

function packagesOf(folder: DependencyFolder): Node[] {
  const concern = (p: DependencyPackage) => [p.counts.wouldThrow, p.counts.notApproved, p.counts.other, p.counts.notValidated + (p.cryptoLibrary ? 1 : 0)];
  const ordered = [...folder.packages].sort((a, b) => {
    const [ca, cb] = [concern(a), concern(b)];
    return SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope] || cb[0] - ca[0] || cb[1] - ca[1] || cb[2] - ca[2] || cb[3] - ca[3] || a.name.localeCompare(b.name);
  });
  return ordered.map((pkg) => ({ kind: 'package' as const, pkg, root: folder.root }));
}

function folderSummary(folder: DependencyFolder): string {
  const throwing = folder.packages.filter((p) => p.scope === 'production' && p.counts.wouldThrow > 0).length;
  return `${folder.audited} package${folder.audited === 1 ? '' : 's'} · ${folder.packages.length} with crypto${throwing ? ` · ${throwing} would throw in FIPS mode` : ''}`;
}

function packageItem(pkg: DependencyPackage, root: string): vscode.TreeItem {
  const item = new vscode.TreeItem(pkg.name, pkg.assets.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `package:${root}:${pkg.location}`;
  const scope = pkg.scope === 'production' ? 'prod' : pkg.scope === 'development' ? 'dev' : 'unused';
  const verdict = [
    pkg.counts.wouldThrow ? `${pkg.counts.wouldThrow} would throw` : '',
    pkg.counts.notApproved ? `${pkg.counts.notApproved} not approved` : '',
    pkg.counts.other ? `${pkg.counts.other} deprecated or legacy` : '',
    pkg.counts.notValidated ? `${pkg.counts.notValidated} NV` : '',
    pkg.cryptoLibrary ? 'pure-JS crypto library (NV)' : '',
  ].filter(Boolean);
  item.description = [pkg.version, scope, pkg.route, ...verdict].join(' · ');
  const [icon, color] = pkg.counts.wouldThrow || pkg.counts.notApproved ? STATUS_ICONS.NO : pkg.counts.other || pkg.counts.notValidated || pkg.cryptoLibrary ? STATUS_ICONS.NV : STATUS_ICONS.OK;
  item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
  const rows: Array<[string, string | undefined]> = [
    ['Version', pkg.version],
    ['Folder', pkg.location],
    ['Dependency', `${pkg.scope}, ${pkg.route}`],
    ['Loaded by the project', pkg.loadedFrom ? `from ${pkg.loadedFrom}` : 'no'],
    ['Would throw under --enable-fips', String(pkg.counts.wouldThrow)],
    ['Not approved', String(pkg.counts.notApproved)],
    ['Deprecated, legacy or transition', String(pkg.counts.other)],
    ['Not validated (NV)', pkg.cryptoLibrary ? `${pkg.counts.notValidated}; it is a pure-JS crypto library (${pkg.cryptoLibrary})` : String(pkg.counts.notValidated)],
    ['Values known only at run time', pkg.unresolved ? String(pkg.unresolved) : undefined],
    ['Files not analysed', pkg.notAnalysed ? String(pkg.notAnalysed) : undefined],
  ];
  const markdown = new vscode.MarkdownString(`**${escapeMarkdown(pkg.name)}**\n\n`);
  for (const [label, value] of rows) if (value) markdown.appendMarkdown(`${label}: ${escapeMarkdown(value)}  \n`);
  item.tooltip = markdown;
  item.contextValue = 'fipslint.package';
  return item;
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
