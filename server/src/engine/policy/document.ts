import { PROFILE_IDS, defaultAnalysisOptions, type FipsRuntime, type ProfileId } from '../types';
import { CIPHER_FAMILIES, ECB_STATUS } from './ciphers';
import { AWS_SERVICES, AWS_TLS_POLICIES, AWS_UNSAFE_DEFAULTS, awsPolicyReason } from './aws';
import { CURVES, KEY_TYPES } from './curves';
import { DIGESTS } from './digests';
import { JOSE_ALGORITHMS } from './jose';
import { DH_GROUPS, RSA_FIX_BITS, rsaModulusReason, rsaModulusStatus } from './keys';
import { evaluateStatus, type Operation, type ProfileStatus, type Status, type StatusRule, type Use } from './status';
import { CRYPTO_LIBRARIES, DSA_SIGNING, DSA_SIGNING_SIZES, PASSWORD_HASHES, PBKDF2_DEFAULT_RECOMMENDED_ITERATIONS, PBKDF2_MINIMUMS, PBKDF2_RECOMMENDED_ITERATIONS, RANDOM_SOURCES, RSA_SCHEMES, type SchemePolicy } from './schemes';
import { BANNED_CIPHER_WORDS, TLS_MIN_APPROVED, TLS_VERSION_REASON, approvedCipherList, approvedEcdhCurve } from './tls';

/**
 * `docs/policy.md`: the policy tables the engine judges code by, written out for people: every
 * algorithm, curve, key size, TLS setting and JOSE name, its status under each profile (with the
 * dates it changes and what the draft SP 800-131A Rev 3 would change), why with the standard, what
 * Node's FIPS mode does with it and what a fix writes. Generated from the tables themselves, so it
 * cannot drift from what the rules report (`npm run policy-doc`; a test compares).
 */

/** Dates on which some status of the tables changes: each cell says what holds before and after. */
const PROBE_DATES = ['2023-12-31', '2024-01-01', '2030-12-31', '2031-01-01', '2035-12-31', '2036-01-01'];
/** The date a cell's "draft Rev 3" and "fix writes" are judged at when nothing changes it. */
const TODAY = '2026-12-31';

const STATUS_TEXT: Record<Status, string> = { OK: 'OK', DEPR: 'DEPR', LEGACY: 'LEGACY', NO: 'NO', TRANS: 'TRANS', NV: 'NV' };

/** One status rule as text: `OK`, `OK → DEPR (2031) → NO (2036)`, with the draft Rev 3's status when it differs. */
function statusText(rule: StatusRule, profile: ProfileId, extra: { operation?: Operation; use?: Use } = {}): string {
  const sequence = (anticipate131Ar3: boolean) => {
    const steps: string[] = [];
    let last: Status | undefined;
    for (const asOf of PROBE_DATES) {
      const status = evaluateStatus(rule, { ...defaultAnalysisOptions({ profile, asOf, anticipate131Ar3 }), ...extra });
      if (status === last) continue;
      steps.push(last === undefined ? STATUS_TEXT[status] : `${STATUS_TEXT[status]} from ${asOf}`);
      last = status;
    }
    return steps.join(' → ');
  };
  const current = sequence(false);
  const rev3 = sequence(true);
  return rev3 === current ? current : `${current}; draft Rev 3: ${rev3}`;
}

/** What a fix writes, for the profiles under which the entry is not approved today. */
function fixText(replacement: Partial<Record<ProfileId, string>> | undefined, status: ProfileStatus, extra: { operation?: Operation; use?: Use } = {}): string {
  if (!replacement) return '—';
  const byText = new Map<string, ProfileId[]>();
  for (const profile of PROFILE_IDS) {
    const to = replacement[profile];
    if (!to || evaluateStatus(status[profile], { ...defaultAnalysisOptions({ profile, asOf: TODAY }), ...extra }) === 'OK') continue;
    byText.set(to, [...(byText.get(to) ?? []), profile]);
  }
  return [...byText].map(([to, profiles]) => `\`${to}\` (${profiles.join(', ')})`).join('<br>') || '—';
}

/** A cell for one profile: one status, or one per operation or use where they differ. */
function cell(table: ProfileStatus, profile: ProfileId, variants: Array<{ label: string; operation?: Operation; use?: Use }>): string {
  const texts = variants.map((v) => ({ label: v.label, text: statusText(table[profile], profile, v) }));
  if (texts.every((t) => t.text === texts[0].text)) return texts[0].text;
  return texts.map((t) => `${t.label}: ${t.text}`).join('<br>');
}

const OPERATIONS = [
  { label: 'encrypt, sign, generate', operation: 'apply' as const },
  { label: 'decrypt, verify', operation: 'process' as const },
];
const DIGEST_USES = [
  { label: 'hash', use: 'hash' as const },
  { label: 'sign', use: 'sign' as const },
  { label: 'verify', use: 'verify' as const },
  { label: 'HMAC', use: 'mac' as const },
  { label: 'KDF', use: 'kdf' as const },
];

const RUNTIME: Record<FipsRuntime, string> = { throws: 'throws', runs: 'runs without error' };

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}

const PROFILE_HEADERS = PROFILE_IDS.map((p) => `\`${p}\``);

function schemeTable(rows: SchemePolicy[]): string {
  return table(
    ['Scheme', 'Written as', ...PROFILE_HEADERS, 'Why', 'Node FIPS mode', 'Use instead'],
    rows.map((r) => [`**${r.display}**`, r.spelled, ...PROFILE_IDS.map((p) => cell(r.status, p, OPERATIONS)), r.why, r.fipsRuntime ? RUNTIME[r.fipsRuntime] : '—', r.instead]),
  );
}

export function policyMarkdown(): string {
  const parts: string[] = [];
  parts.push(`# fipslint policy

<!-- Generated by \`npm run policy-doc\` from server/src/engine/policy/: do not edit by hand. -->

What fipslint reports, and why: the status of every algorithm, curve, key size, TLS setting and
JOSE name under each profile, the standard behind it, what Node does with the call when started
with \`--enable-fips\` (measured on Node 20 with the OpenSSL 3.0 FIPS provider: **throws**, or
**runs** without error although it is not compliant) and what a fix writes instead. Each rule's
page links here.

Statuses (SP 800-131A Rev 2 §1.2.2): **OK** approved; **DEPR** deprecated (allowed, with risk:
a warning); **LEGACY** allowed only to process data protected before (decrypt, verify);
**NO** not approved (an error); **TRANS** accepted only during the CNSA 2.0 transition; **NV**
approved algorithm computed outside a validated module. "X from DATE" is a dated transition,
evaluated at the analysis date (\`asOf\`, \`--as-of\`); "draft Rev 3" is what
\`anticipate131Ar3\` applies. Profiles: \`fips-140-3\` (SP 800-140C, FIPS 186-5, SP 800-131A Rev 2),
\`fips-140-2\` (legacy estates) and \`cnsa-2.0\` (NSA CNSSP 15, National Security Systems).`);

  parts.push(`## Hash functions

\`createHash\`, \`createHmac\`, \`sign\`/\`verify\` digests, \`pbkdf2\`/\`hkdf\` digests, WebCrypto \`digest\`,
JOSE and library digests. Where the status depends on the use, each use is listed.

${table(
  ['Algorithm', 'Names', ...PROFILE_HEADERS, 'Why', 'Node FIPS mode', 'Fix writes'],
  DIGESTS.map((d) => [
    `**${d.display}**`,
    d.keys.map((k) => `\`${k}\``).join(', '),
    ...PROFILE_IDS.map((p) => cell(d.status, p, DIGEST_USES)),
    d.reason || '—',
    RUNTIME[d.fipsRuntime],
    fixText(d.replacement, d.status, { use: 'hash' }),
  ]),
)}`);

  parts.push(`## Symmetric ciphers

\`createCipheriv\`/\`createDecipheriv\` (and the password-based \`createCipher\`), WebCrypto, JOSE \`enc\`,
library ciphers. AES modes: ECB is ${statusText(ECB_STATUS, 'fips-140-3', { operation: 'apply' })} for encryption and
${statusText(ECB_STATUS, 'fips-140-3', { operation: 'process' })} for decryption (SP 800-38A §6.1: equal blocks give equal ciphertext);
the others follow the cipher. A fix writes \`aes-256-gcm\` (a 12-byte IV per message and a 16-byte tag to store).

${table(
  ['Cipher', ...PROFILE_HEADERS, 'Why', 'Node FIPS mode'],
  Object.values(CIPHER_FAMILIES).map((c) => [`**${c.display}**`, ...PROFILE_IDS.map((p) => cell(c.status, p, OPERATIONS)), c.reason || '—', RUNTIME[c.fipsRuntime]]),
)}`);

  const rsaSizes = [1024, 1536, 2048, 3072, 4096];
  parts.push(`## RSA key sizes

\`generateKeyPair('rsa' | 'rsa-pss', { modulusLength })\`, WebCrypto \`modulusLength\`, node-forge \`bits\`. A fix writes ${RSA_FIX_BITS} bits.

${table(
  ['Modulus', ...PROFILE_HEADERS, 'Why (fips-140-3)'],
  rsaSizes.map((bits) => [`**${bits}**`, ...PROFILE_IDS.map((p) => cell(rsaModulusStatus(bits), p, OPERATIONS)), rsaModulusReason(bits, 'fips-140-3')]),
)}`);

  parts.push(`## RSA padding and DSA

\`publicEncrypt\`/\`privateDecrypt\` \`padding\`, \`privateEncrypt\`/\`publicDecrypt\`, \`sign\` \`padding\` and \`saltLength\`;
DSA key generation (\`generateKeyPair('dsa')\`). Under FIPS 140-2, DSA may sign with (L/N) ${DSA_SIGNING_SIZES.join(', ')} only.

${schemeTable([...Object.values(RSA_SCHEMES), DSA_SIGNING])}`);

  parts.push(`## Finite-field Diffie-Hellman groups

\`getDiffieHellman\`, \`createDiffieHellmanGroup\`, \`generateKeyPair('dh', { group })\`. A fix writes \`modp14\` (\`modp15\` under CNSA 2.0).

${table(
  ['Group', 'Bits', ...PROFILE_HEADERS, 'Node FIPS mode'],
  Object.entries(DH_GROUPS).map(([name, g]) => [`**${name}**`, String(g.bits), ...PROFILE_IDS.map((p) => cell(g.status, p, OPERATIONS)), RUNTIME[g.fipsRuntime]]),
)}`);

  parts.push(`## Elliptic curves and key types

\`generateKeyPair('ec', { namedCurve })\`, \`createECDH\`, TLS \`ecdhCurve\`, WebCrypto \`namedCurve\`, JOSE \`crv\`; Ed25519/Ed448 and X25519/X448 key types.

${table(
  ['Curve', 'Names', ...PROFILE_HEADERS, 'Why', 'Fix writes'],
  CURVES.map((c) => [
    `**${c.display}**`,
    c.names.map((n) => `\`${n}\``).join(', '),
    ...PROFILE_IDS.map((p) => cell(c.status, p, OPERATIONS)),
    c.reason || '—',
    fixText(c.replacement, c.status, { operation: 'apply' }),
  ]),
)}

${table(
  ['Key type', ...PROFILE_HEADERS, 'Why', 'Node FIPS mode', 'Use instead'],
  Object.values(KEY_TYPES).map((k) => [`**${k.display}**`, ...PROFILE_IDS.map((p) => cell(k.status, p, OPERATIONS)), k.reason, RUNTIME[k.fipsRuntime], [...new Set(PROFILE_IDS.map((p) => k.instead[p]))].join(' / ')]),
)}`);

  parts.push(`## TLS

SP 800-52 Rev 2: ${TLS_VERSION_REASON}. In tls, https and http2 options and in the TLS options of client
libraries (pg \`ssl\`, nodemailer \`tls\`, got \`https\`, undici \`connect\`, Sequelize \`dialectOptions.ssl\`...), \`minVersion\` below \`${TLS_MIN_APPROVED}\` (or \`tls.DEFAULT_MIN_VERSION\`, or a
\`secureProtocol\` method that selects an older protocol) is NO; configurations that rule out TLS 1.3
(\`maxVersion: 'TLSv1.2'\`, \`TLSv1_2_method\`, and the legacy \`SSLv23_method\` family, which Node caps at
TLS 1.2) are reported as info. Certificate validation turned off (\`rejectUnauthorized: false\`,
\`NODE_TLS_REJECT_UNAUTHORIZED=0\`, \`sslmode=no-verify\` and the clients' equivalents) is NO under every
profile (SP 800-52 Rev 2 §4; RFC 5280).

Cipher-list words that enable non-approved suites:

${table(
  ['Word', 'Enables'],
  Object.entries(BANNED_CIPHER_WORDS).map(([word, what]) => [`\`${word}\``, what]),
)}

A fix writes the cipher list and ECDH curves below.

${table(
  ['Profile', '`ciphers`', '`ecdhCurve`'],
  PROFILE_IDS.map((p) => [`\`${p}\``, `\`${approvedCipherList(p)}\``, `\`${approvedEcdhCurve(p)}\``]),
)}`);

  parts.push(`## Key derivation and password hashing

PBKDF2 (\`pbkdf2\`, \`pbkdf2Sync\`, WebCrypto \`deriveBits\`/\`deriveKey\`) is the only approved password-based KDF
(SP 800-132); HKDF (SP 800-56C Rev 2) is approved with an approved digest (the KDF column of the hash table).
Below a floor, PBKDF2 is NO; iterations above the floor but below the current guidance are a warning.

${table(
  ['PBKDF2 parameter', 'Minimum', 'Standard'],
  [
    ['Iterations', String(PBKDF2_MINIMUMS.iterations.minimum), PBKDF2_MINIMUMS.iterations.standard],
    ['Salt', `${PBKDF2_MINIMUMS.saltBytes.minimum} bytes, random`, PBKDF2_MINIMUMS.saltBytes.standard],
    ['Derived key', `${PBKDF2_MINIMUMS.keyBytes.minimum} bytes`, PBKDF2_MINIMUMS.keyBytes.standard],
  ],
)}

Iteration counts asked for and written by a fix (OWASP Password Storage Cheat Sheet): ${Object.entries(PBKDF2_RECOMMENDED_ITERATIONS)
    .map(([digest, n]) => `${digest} ${n.toLocaleString('en-US')}`)
    .join(', ')}; any other digest ${PBKDF2_DEFAULT_RECOMMENDED_ITERATIONS.toLocaleString('en-US')}.

${schemeTable(Object.values(PASSWORD_HASHES))}`);

  parts.push(`## Random numbers

SP 800-90A Rev 1: keys, tokens, salts and nonces come from an approved DRBG.

${schemeTable(Object.values(RANDOM_SOURCES))}`);

  parts.push(`## Crypto libraries

Crypto computed in JavaScript or WebAssembly never runs inside a validated module (FIPS 140-3 /
ISO/IEC 19790 §7.2), so what these libraries compute is **NV** when the algorithm is approved and
**NO** when it is not.

${table(
  ['Library', 'Packages', 'Rule', 'Not approved under any profile (everything else: NV)'],
  Object.entries(CRYPTO_LIBRARIES).map(([name, library]) => [`**${name}**`, library.packages.map((p) => `\`${p}${p.endsWith('/') ? '*' : ''}\``).join(', '), `[${library.rule}](../rules/${library.rule}/README.md)`, library.notApproved]),
)}`);

  parts.push(`## AWS endpoint TLS policies

TLS policies of the endpoints AWS CDK code defines (rule \`aws-tls-policy\`), by the aws-cdk-lib enum member
or the policy name: SP 800-52 Rev 2 §3.1 requires TLS 1.2 at least; a load balancer policy without
FIPS in its name terminates TLS outside AWS's FIPS 140-3 validated module (NV). An OpenSearch domain
that names no policy gets \`${AWS_UNSAFE_DEFAULTS.opensearch}\`. A fix writes the service's policy in the
last column.

${Object.entries(AWS_SERVICES)
  .map(
    ([service, s]) => `### ${s.display}

\`${s.property}\`; enum \`${s.enumName}\` (\`aws-cdk-lib/${s.module.replace(/_/g, '-')}\`). A fix writes \`${s.enumName}.${s.replacementMember}\` (\`${s.replacementName}\`).

${table(
  ['Policy', 'Enum member', 'Lowest version', ...PROFILE_HEADERS, 'Why'],
  AWS_TLS_POLICIES.filter((p) => p.service === service).map((p) => [
    `\`${p.name}\``,
    p.member ? `\`${p.member}\`` : '—',
    p.minTls === 'SSLv3' ? 'SSL 3.0' : `TLS ${p.minTls}`,
    ...PROFILE_IDS.map((profile) => cell(p.status, profile, [{ label: '' }])),
    awsPolicyReason(p),
  ]),
)}`,
  )
  .join('\n\n')}`);

  parts.push(`## JWT and JOSE algorithm names

\`jsonwebtoken\`, \`jose\`, \`node-jose\`, \`express-jwt\`, \`passport-jwt\`, \`jwt-simple\`: JWS \`alg\`, JWE \`alg\` and \`enc\` (RFC 7518).

${table(
  ['Name', ...PROFILE_HEADERS, 'Why', 'Fix writes'],
  Object.entries(JOSE_ALGORITHMS).map(([name, j]) => [
    `**${name}**`,
    ...PROFILE_IDS.map((p) => cell(j.status, p, [{ label: '' }])),
    j.reason || '—',
    fixText(j.replacement, j.status),
  ]),
)}`);

  return parts.join('\n\n') + '\n';
}
