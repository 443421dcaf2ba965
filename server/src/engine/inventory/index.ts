import type { FileAnalysis } from '../analyzer';
import type { AnalysisOptions, ProfileId, SourceSpan } from '../types';
import { STATUS_ORDER, worstStatus, type AssetDescription, type AssetStatus, type Classified, type CryptoFunction, type Primitive } from './assets';

export { STATUS_ORDER, worstStatus, type AssetDescription, type AssetStatus, type CryptoFunction, type Primitive } from './assets';
export { inventoryApis, inventoryListeners, type AssetUse } from './collect';

/** One use of an asset in a file, as the engine hands it out (plain data, no AST). */
export interface InventoryEntry extends SourceSpan {
  asset: Classified;
  cryptoFunction: CryptoFunction;
  /** The API called (`crypto.createCipheriv`, `crypto-js.AES.encrypt`). */
  api: string;
  /** Rules with a finding on this call. */
  findings: string[];
  /** In test code (the `tests` globs): listed, but apart from production code. */
  test?: boolean;
}

export interface AssetOccurrence extends SourceSpan {
  cryptoFunction: CryptoFunction;
  api: string;
  status: AssetStatus;
  findings: string[];
  test?: boolean;
}

export interface CryptoAsset extends AssetDescription {
  /** Stable within one inventory; the CBOM's `bom-ref`. */
  id: string;
  /** The worst status of its occurrences. */
  status: AssetStatus;
  /** Every occurrence is in test code. */
  testOnly?: boolean;
  cryptoFunctions: CryptoFunction[];
  occurrences: AssetOccurrence[];
}

export interface CryptoInventory {
  profile: ProfileId;
  asOf: string;
  assets: CryptoAsset[];
  totals: {
    assets: number;
    occurrences: number;
    /** Assets per status (an asset counts once, under its worst status). */
    assetsByStatus: Record<AssetStatus, number>;
    /** Occurrences per status. */
    occurrencesByStatus: Record<AssetStatus, number>;
    assetsByPrimitive: Partial<Record<Primitive, number>>;
  };
}

const DESCRIPTION_KEYS = ['name', 'assetType', 'primitive', 'mode', 'padding', 'parameterSetIdentifier', 'curve', 'protocolVersion', 'library'] as const;

/**
 * Group the files' entries into one asset per algorithm (or protocol configuration) and library,
 * each with every place it is used. Sorted worst status first, then by name, so the same code
 * gives the same inventory.
 */
export function buildInventory(analyses: readonly FileAnalysis[], options: Pick<AnalysisOptions, 'profile' | 'asOf'>): CryptoInventory {
  const byKey = new Map<string, { asset: Classified; occurrences: AssetOccurrence[]; functions: Set<CryptoFunction> }>();
  for (const analysis of analyses) {
    for (const entry of analysis.inventory ?? []) {
      const key = DESCRIPTION_KEYS.map((k) => entry.asset[k] ?? '').join('\u0000');
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { asset: entry.asset, occurrences: [], functions: new Set() }));
      const { asset: _asset, ...span } = entry;
      group.occurrences.push({ ...span, status: entry.asset.status });
      group.functions.add(entry.cryptoFunction);
    }
  }
  const assets: CryptoAsset[] = [...byKey.values()].map(({ asset, occurrences, functions }) => {
    const { status: _status, ...description } = asset;
    occurrences.sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start);
    const testOnly = occurrences.every((o) => o.test);
    return { ...description, id: '', status: worstStatus(occurrences.map((o) => o.status)), ...(testOnly ? { testOnly } : {}), cryptoFunctions: [...functions].sort(), occurrences };
  });
  assets.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.name.localeCompare(b.name) || a.library.localeCompare(b.library));
  const used = new Set<string>();
  for (const asset of assets) asset.id = uniqueId(`crypto/${asset.assetType}/${slug(asset.name)}@${slug(asset.library)}`, used);

  const assetsByStatus = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<AssetStatus, number>;
  const occurrencesByStatus = { ...assetsByStatus };
  const assetsByPrimitive: Partial<Record<Primitive, number>> = {};
  for (const asset of assets) {
    assetsByStatus[asset.status]++;
    assetsByPrimitive[asset.primitive] = (assetsByPrimitive[asset.primitive] ?? 0) + 1;
    for (const occurrence of asset.occurrences) occurrencesByStatus[occurrence.status]++;
  }
  return {
    profile: options.profile,
    asOf: options.asOf,
    assets,
    totals: { assets: assets.length, occurrences: assets.reduce((n, a) => n + a.occurrences.length, 0), assetsByStatus, occurrencesByStatus, assetsByPrimitive },
  };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.:/+-]+/g, '-').replace(/^-|-$/g, '');
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/** Words for statuses in reports and the editor's view. */
export const ASSET_STATUS_LABELS: Record<AssetStatus, string> = {
  NO: 'Not approved',
  DEPR: 'Deprecated',
  TRANS: 'Transition only',
  NV: 'Not validated (library)',
  LEGACY: 'Legacy use only',
  unknown: 'Unknown',
  OK: 'Approved',
};
