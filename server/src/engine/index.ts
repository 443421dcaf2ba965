/** The engine's public surface: what the CLI and the language server may use. */
export { Engine, type FileAnalysis, type RuleFailure } from './analyzer';
export { applyEdits, applyFixes, autoFixOf, nonOverlappingFixes } from './apply-fixes';
export { PROJECT_URL, ruleDocsUrl } from './docs';
export { SourceProject, diskHost, isSourceFileName, SOURCE_EXTENSIONS, type SourceHost } from './project';
export type { RuleMeta, RuleModule } from './rule';
export * from './types';
export { SUPPRESSION_ID, parseSuppressions, type SuppressionRecord, type SuppressionStatus } from './suppressions';
export { CONFIG_FILE_NAME, ConfigFiles, DEFAULT_TEST_GLOBS, findConfigFile, formatConfigProblem, isTestFile, loadConfig, optionsForFile, parseConfig, withExplicitSettings, type ConfigProblem, type FipslintConfig } from './config';
export type { UnresolvedSite } from './unresolved';
export { MAX_CALL_HOPS, MAX_CANDIDATES, MAX_DEPTH, STEPS_PER_FILE, STEPS_PER_QUESTION } from './resolve/budget';
export { configSchema } from './config-schema';
export { buildInventory, ASSET_STATUS_LABELS, STATUS_ORDER, type AssetOccurrence, type AssetStatus, type CryptoAsset, type CryptoInventory, type InventoryEntry, type Primitive } from './inventory';
