import { PROFILE_IDS, type ProfileId, type Severity } from '../engine';

/**
 * The extension's settings: typed once, defaulted here only. `package.json`'s
 * `contributes.configuration` must declare the same keys and defaults (a test compares them).
 */
export interface FipslintSettings {
  enable: boolean;
  /** null: the configuration file's profile, else fips-140-3. */
  profile: ProfileId | null;
  run: 'onType' | 'onSave';
  rules: Record<string, Severity | 'off'>;
  exclude: string[];
  /** Files larger than this many MB are not analysed; 0: no limit. */
  maxFileSize: number;
  /** Show crypto calls whose algorithm, size, curve or TLS setting is known only at run time as hints. */
  reportUnresolved: boolean;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: FipslintSettings = {
  enable: true,
  profile: null,
  run: 'onType',
  rules: {},
  exclude: [],
  maxFileSize: 2,
  reportUnresolved: false,
  trace: { server: 'off' },
};

/** Settings as VS Code (or any client) sent them, checked; anything malformed falls back to the default. */
export function readSettings(raw: unknown): { settings: FipslintSettings; problems: string[] } {
  const problems: string[] = [];
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const settings: FipslintSettings = structuredClone(DEFAULT_SETTINGS);
  if (typeof input.enable === 'boolean') settings.enable = input.enable;
  if (input.profile !== undefined && input.profile !== null) {
    if (PROFILE_IDS.includes(input.profile as ProfileId)) settings.profile = input.profile as ProfileId;
    else problems.push(`fipslint.profile: unknown profile ${JSON.stringify(input.profile)}; using the configuration file's profile or fips-140-3`);
  }
  if (input.run === 'onType' || input.run === 'onSave') settings.run = input.run;
  if (input.rules && typeof input.rules === 'object') {
    for (const [rule, severity] of Object.entries(input.rules as Record<string, unknown>)) {
      if (severity === 'error' || severity === 'warning' || severity === 'info' || severity === 'off') settings.rules[rule] = severity;
      else problems.push(`fipslint.rules.${rule}: ${JSON.stringify(severity)} is not error, warning, info or off`);
    }
  }
  if (Array.isArray(input.exclude)) settings.exclude = input.exclude.filter((g): g is string => typeof g === 'string');
  if (input.maxFileSize !== undefined) {
    if (typeof input.maxFileSize === 'number' && Number.isFinite(input.maxFileSize) && input.maxFileSize >= 0) settings.maxFileSize = input.maxFileSize;
    else problems.push(`fipslint.maxFileSize: ${JSON.stringify(input.maxFileSize)} is not a size in MB (0 for no limit); using ${DEFAULT_SETTINGS.maxFileSize}`);
  }
  if (typeof input.reportUnresolved === 'boolean') settings.reportUnresolved = input.reportUnresolved;
  const trace = (input.trace as Record<string, unknown> | undefined)?.server;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') settings.trace.server = trace;
  return { settings, problems };
}
