import { randomUUID } from 'node:crypto';
import type * as CycloneDx from '@cyclonedx/cyclonedx-library';
import { ASSET_STATUS_LABELS, PROJECT_URL, type CryptoAsset, type CryptoInventory } from '../engine';

export interface CbomMeta {
  /** The scanned project, as the BOM's subject (`metadata.component`). */
  projectName: string;
  toolVersion: string;
  /** Paths in occurrences, relative to the scanned root, with `/`. */
  displayPath(file: string): string;
}

/**
 * CycloneDX 1.6 CBOM: one `cryptographic-asset` component per algorithm or protocol configuration,
 * with `cryptoProperties`, every place it is used as `evidence.occurrences`, and the FIPS verdict as
 * `fipslint:*` properties. The library builds and serializes the BOM; it has no model for
 * `cryptoProperties` or occurrences yet (10.3), so those are added to its JSON by `bom-ref`.
 */
export function formatCbom(inventory: CryptoInventory, meta: CbomMeta): string {
  // Loaded on first export, not at start-up: the library and its validators are a tenth of the
  // language server's start, and most sessions never export a CBOM.
  const CDX = require('@cyclonedx/cyclonedx-library') as typeof CycloneDx;
  const bom = new CDX.Models.Bom({ serialNumber: `urn:uuid:${randomUUID()}` });
  bom.metadata.timestamp = new Date();
  bom.metadata.tools.components.add(
    new CDX.Models.Component(CDX.Enums.ComponentType.Application, 'fipslint', {
      version: meta.toolVersion,
      externalReferences: new CDX.Models.ExternalReferenceRepository([new CDX.Models.ExternalReference(PROJECT_URL, CDX.Enums.ExternalReferenceType.Website)]),
    }),
  );
  bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Application, meta.projectName, { bomRef: 'scanned-project' });
  bom.metadata.properties.add(new CDX.Models.Property('fipslint:profile', inventory.profile));
  bom.metadata.properties.add(new CDX.Models.Property('fipslint:as-of', inventory.asOf));

  for (const asset of inventory.assets) {
    const component = new CDX.Models.Component(CDX.Enums.ComponentType.CryptographicAsset, asset.name, { bomRef: asset.id });
    const rules = [...new Set(asset.occurrences.flatMap((o) => o.findings))].sort();
    const properties: Array<[string, string | undefined]> = [
      ['fipslint:status', asset.status],
      ['fipslint:status-label', ASSET_STATUS_LABELS[asset.status]],
      ['fipslint:profile', inventory.profile],
      ['fipslint:library', asset.library],
      ['fipslint:tls-versions', asset.protocolVersion],
      ['fipslint:findings', rules.length ? rules.join(',') : undefined],
      ['fipslint:test-code-only', asset.testOnly ? 'true' : undefined],
    ];
    for (const [name, value] of properties) if (value) component.properties.add(new CDX.Models.Property(name, value));
    bom.components.add(component);
  }

  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  const json = JSON.parse(serializer.serialize(bom, { sortLists: false })) as { components?: Array<Record<string, unknown>>; dependencies?: unknown[] };
  const byRef = new Map(inventory.assets.map((a) => [a.id, a]));
  for (const component of json.components ?? []) {
    const asset = byRef.get(component['bom-ref'] as string);
    if (!asset) continue;
    component.cryptoProperties = cryptoProperties(asset);
    component.evidence = {
      occurrences: asset.occurrences.map((o) => ({
        location: meta.displayPath(o.file),
        line: o.line,
        offset: o.column,
        symbol: o.api,
        additionalContext: `${o.cryptoFunction}; ${ASSET_STATUS_LABELS[o.status].toLowerCase()}${o.findings.length ? `; findings: ${o.findings.join(', ')}` : ''}${o.test ? '; test code' : ''}`,
      })),
    };
  }
  // The project uses every asset: CycloneDX 1.6 says so with `provides`.
  if (inventory.assets.length) json.dependencies = [{ ref: 'scanned-project', provides: inventory.assets.map((a) => a.id) }];
  return JSON.stringify(json, null, 2) + '\n';
}

function cryptoProperties(asset: CryptoAsset): Record<string, unknown> {
  if (asset.assetType === 'protocol') {
    const floor = /TLSv(1(?:\.\d)?)/.exec(asset.protocolVersion ?? '')?.[1];
    const ssl = /SSLv\d/.exec(asset.protocolVersion ?? '')?.[0];
    return {
      assetType: 'protocol',
      protocolProperties: { type: 'tls', ...(floor ? { version: floor === '1' ? '1.0' : floor } : ssl ? { version: ssl } : {}) },
    };
  }
  const algorithmProperties: Record<string, unknown> = {
    primitive: asset.primitive,
    ...(asset.parameterSetIdentifier ? { parameterSetIdentifier: asset.parameterSetIdentifier } : {}),
    ...(asset.curve ? { curve: asset.curve } : {}),
    ...(asset.mode ? { mode: asset.mode } : {}),
    ...(asset.padding ? { padding: asset.padding } : {}),
    cryptoFunctions: asset.cryptoFunctions,
    executionEnvironment: 'software-plain-ram',
    ...(asset.nistQuantumSecurityLevel !== undefined ? { nistQuantumSecurityLevel: asset.nistQuantumSecurityLevel } : {}),
  };
  return { assetType: 'algorithm', algorithmProperties, ...(asset.oid ? { oid: asset.oid } : {}) };
}
