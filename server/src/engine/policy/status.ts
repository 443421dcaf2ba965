import type { AnalysisOptions, ProfileId, Severity } from '../types';

/**
 * Status vocabulary of the reference (§0.2), derived from SP 800-131A Rev 2 §1.2.2.
 * LEGACY is only ever produced for operations that process already-protected data; the table
 * helpers turn "legacy" into NO for operations that apply protection.
 */
export type Status = 'OK' | 'DEPR' | 'LEGACY' | 'NO' | 'TRANS' | 'NV';

/** apply = encrypt, sign, wrap, MAC-generate, key generation; process = decrypt, verify, unwrap. */
export type Operation = 'apply' | 'process';

/** What a digest (or key) is used for: SHA-1 and friends differ between these (§2.1). */
export type Use = 'hash' | 'mac' | 'kdf' | 'sign' | 'verify' | 'encrypt' | 'decrypt' | 'keygen' | 'key-agreement' | 'tls';

export interface PolicyContext extends AnalysisOptions {
  operation?: Operation;
  use?: Use;
}

export type StatusRule = Status | ((context: PolicyContext) => Status);
export type ProfileStatus = Record<ProfileId, StatusRule>;

export function evaluateStatus(rule: StatusRule, context: PolicyContext): Status {
  return typeof rule === 'function' ? rule(context) : rule;
}

export function statusFor(table: ProfileStatus, context: PolicyContext): Status {
  return evaluateStatus(table[context.profile], context);
}

/** Same status under every profile. */
export function everyProfile(rule: StatusRule): ProfileStatus {
  return { 'fips-140-2': rule, 'fips-140-3': rule, 'cnsa-2.0': rule };
}

/** `applying` for encrypt/sign/generate, `processing` for decrypt/verify. Unknown operation: the stricter. */
export function byOperation(applying: StatusRule, processing: StatusRule): StatusRule {
  return (context) => evaluateStatus(context.operation === 'process' ? processing : applying, context);
}

/** Every `lastDay` of a dated status in the policy tables (filled as they load). */
const TRANSITION_DAYS = new Set<string>();

/**
 * The transitions that have passed at `asOf`, as one string: two dates with the same period get
 * the same verdicts from every table, so results cached on one day hold on the next.
 */
export function policyPeriod(asOf: string): string {
  return [...TRANSITION_DAYS].filter((day) => asOf > day).sort().join(',') || 'none';
}

/** A status that changes on a date: `before` up to and including `lastDay`, `after` from the next day. */
export function dated(lastDay: string, before: StatusRule, after: StatusRule): StatusRule {
  TRANSITION_DAYS.add(lastDay);
  return (context) => evaluateStatus(context.asOf <= lastDay ? before : after, context);
}

/** The draft SP 800-131A Rev 3 status, applied only with `anticipate131Ar3`. */
export function withRev3(current: StatusRule, rev3: StatusRule): StatusRule {
  return (context) => evaluateStatus(context.anticipate131Ar3 ? rev3 : current, context);
}

/** Status by use (signature generation vs verification vs everything else). */
export function byUse(uses: Partial<Record<Use, StatusRule>>, otherwise: StatusRule): StatusRule {
  return (context) => evaluateStatus((context.use && uses[context.use]) ?? otherwise, context);
}

/** The severity the reference suggests for a status (§0.2). `undefined` means no finding. */
export function severityForStatus(status: Status): Severity | undefined {
  switch (status) {
    case 'OK':
      return undefined;
    case 'NO':
      return 'error';
    case 'DEPR':
    case 'TRANS':
    case 'NV':
      return 'warning';
    case 'LEGACY':
      return 'info';
  }
}

export const STATUS_WORDS: Record<Status, string> = {
  OK: 'approved',
  DEPR: 'deprecated',
  LEGACY: 'allowed only to process existing data (legacy use)',
  NO: 'not approved',
  TRANS: 'accepted only during the CNSA 2.0 transition',
  NV: 'approved, but not computed by a validated module',
};
