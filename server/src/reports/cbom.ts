import { randomUUID } from 'node:crypto';
import type * as CycloneDx from '@cyclonedx/cyclonedx-library';
import { ASSET_STATUS_LABELS, PROJECT_URL, type CryptoAsset, type CryptoInventory } from '../engine';
import { packageAssets, type DependencyAudit } from '../deps/audit';

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
  const bom = newBom(CDX, meta, inventory);
  for (const asset of inventory.assets) bom.components.add(assetComponent(CDX, asset, inventory.profile));

  const json = serialize(CDX, bom);
  addAssetDetails(json.components ?? [], new Map(inventory.assets.map((a) => [a.id, a])), meta.displayPath);
  // The project uses every asset: CycloneDX 1.6 says so with `provides`.
  if (inventory.assets.length) json.dependencies = [{ ref: 'scanned-project', provides: inventory.assets.map((a) => a.id) }];
  return JSON.stringify(json, null, 2) + '\n';
}

type BomJson = { components?: Array<Record<string, unknown>>; dependencies?: unknown[] };

/** The BOM's frame: fipslint as the tool, the project as its subject, the policy as properties. */
function newBom(CDX: typeof CycloneDx, meta: CbomMeta, policy: { profile: string; asOf: string }): CycloneDx.Models.Bom {
  const bom = new CDX.Models.Bom({ serialNumber: `urn:uuid:${randomUUID()}` });
  bom.metadata.timestamp = new Date();
  bom.metadata.tools.components.add(
    new CDX.Models.Component(CDX.Enums.ComponentType.Application, 'fipslint', {
      version: meta.toolVersion,
      externalReferences: new CDX.Models.ExternalReferenceRepository([new CDX.Models.ExternalReference(PROJECT_URL, CDX.Enums.ExternalReferenceType.Website)]),
    }),
  );
  bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Application, meta.projectName, { bomRef: 'scanned-project' });
  bom.metadata.properties.add(new CDX.Models.Property('fipslint:profile', policy.profile));
  bom.metadata.properties.add(new CDX.Models.Property('fipslint:as-of', policy.asOf));
  return bom;
}

function serialize(CDX: typeof CycloneDx, bom: CycloneDx.Models.Bom): BomJson {
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  return JSON.parse(serializer.serialize(bom, { sortLists: false })) as BomJson;
}

/**
 * The dependency audit as a CBOM: each installed package a `library` component (purl, version,
 * integrity hash; development-only packages have scope `excluded`, not used at run time) holding
 * its crypto assets as nested components, and the graph as `dependencies`: the project depends on
 * its direct packages, each package on those it needs and `provides` its assets.
 */
export function formatDependencyCbom(audit: DependencyAudit, meta: CbomMeta): string {
  const CDX = require('@cyclonedx/cyclonedx-library') as typeof CycloneDx;
  const bom = newBom(CDX, meta, audit);
  const assetsByPackage = new Map<string, CryptoAsset[]>();
  const assetsByRef = new Map<string, CryptoAsset>();
  for (const pkg of audit.packages) {
    const assets = packageAssets(pkg, audit);
    assetsByPackage.set(pkg.location, assets);
    for (const asset of assets) assetsByRef.set(asset.id, asset);
    const component = new CDX.Models.Component(CDX.Enums.ComponentType.Library, pkg.name, {
      bomRef: pkg.location,
      version: pkg.version,
      scope: pkg.scope === 'production' ? CDX.Enums.ComponentScope.Required : CDX.Enums.ComponentScope.Excluded,
    });
    const sha512 = /^sha512-([A-Za-z0-9+/=]+)$/.exec(pkg.integrity ?? '')?.[1];
    if (sha512) component.hashes.set(CDX.Enums.HashAlgorithm['SHA-512'], Buffer.from(sha512, 'base64').toString('hex'));
    const properties: Array<[string, string | undefined]> = [
      ['fipslint:location', pkg.location],
      ['fipslint:scope', pkg.scope],
      ['fipslint:dependency-path', pkg.path.join(' > ')],
      ['fipslint:would-throw', String(pkg.counts.wouldThrow)],
      ['fipslint:not-approved', String(pkg.counts.notApproved)],
      ['fipslint:other-findings', String(pkg.counts.other)],
      ['fipslint:not-validated', String(pkg.counts.notValidated)],
      ['fipslint:crypto-library', pkg.cryptoLibrary],
      ['fipslint:loaded-from', pkg.loadedFrom],
    ];
    for (const [name, value] of properties) if (value) component.properties.add(new CDX.Models.Property(name, value));
    for (const asset of assets) component.components.add(assetComponent(CDX, asset, audit.profile));
    bom.components.add(component);
  }
  const json = serialize(CDX, bom);
  const byLocation = new Map(audit.packages.map((p) => [p.location, p]));
  for (const component of json.components ?? []) {
    const pkg = byLocation.get(component['bom-ref'] as string);
    if (pkg) component.purl = npmPurl(pkg.name, pkg.version);
    addAssetDetails((component.components as Array<Record<string, unknown>> | undefined) ?? [], assetsByRef, meta.displayPath);
  }
  json.dependencies = [
    { ref: 'scanned-project', dependsOn: audit.packages.filter((p) => p.direct).map((p) => p.location) },
    ...audit.packages.map((pkg) => {
      const dependsOn = pkg.dependsOn.filter((location) => byLocation.has(location));
      const provides = (assetsByPackage.get(pkg.location) ?? []).map((a) => a.id);
      return { ref: pkg.location, ...(dependsOn.length ? { dependsOn } : {}), ...(provides.length ? { provides } : {}) };
    }),
  ];
  return JSON.stringify(json, null, 2) + '\n';
}

/** `pkg:npm/%40scope/name@1.0.0` (the purl spec: the scope's `@` is encoded). */
function npmPurl(name: string, version: string): string {
  const [scope, bare] = name.startsWith('@') ? name.split('/') : [undefined, name];
  return `pkg:npm/${scope ? `${encodeURIComponent(scope)}/` : ''}${encodeURIComponent(bare)}@${encodeURIComponent(version)}`;
}

/** One asset as a `cryptographic-asset` component, with the FIPS verdict as `fipslint:*` properties. */
function assetComponent(CDX: typeof CycloneDx, asset: CryptoAsset, profile: string): CycloneDx.Models.Component {
  const component = new CDX.Models.Component(CDX.Enums.ComponentType.CryptographicAsset, asset.name, { bomRef: asset.id });
  const rules = [...new Set(asset.occurrences.flatMap((o) => o.findings))].sort();
  const properties: Array<[string, string | undefined]> = [
    ['fipslint:status', asset.status],
    ['fipslint:status-label', ASSET_STATUS_LABELS[asset.status]],
    ['fipslint:profile', profile],
    ['fipslint:library', asset.library],
    ['fipslint:tls-versions', asset.protocolVersion],
    ['fipslint:findings', rules.length ? rules.join(',') : undefined],
    ['fipslint:test-code-only', asset.testOnly ? 'true' : undefined],
  ];
  for (const [name, value] of properties) if (value) component.properties.add(new CDX.Models.Property(name, value));
  return component;
}

/**
 * The parts of an asset component the library (10.3) has no model for, added to its JSON by
 * `bom-ref`: `cryptoProperties`, and every place it is used as `evidence.occurrences`.
 */
function addAssetDetails(components: Array<Record<string, unknown>>, byRef: ReadonlyMap<string, CryptoAsset>, displayPath: (file: string) => string): void {
  for (const component of components) {
    const asset = byRef.get(component['bom-ref'] as string);
    if (!asset) continue;
    component.cryptoProperties = cryptoProperties(asset);
    component.evidence = {
      occurrences: asset.occurrences.map((o) => ({
        location: displayPath(o.file),
        line: o.line,
        offset: o.column,
        symbol: o.api,
        additionalContext: `${o.cryptoFunction}; ${ASSET_STATUS_LABELS[o.status].toLowerCase()}${o.findings.length ? `; findings: ${o.findings.join(', ')}` : ''}${o.test ? '; test code' : ''}`,
      })),
    };
  }
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
