import { ts } from '../../server/src/engine/typescript';
import { enclosingFunction } from '../../server/src/engine/resolve';
import { quoteCode } from '../../server/src/engine/quote';
import { describe, libraryOf } from '../../server/src/engine/checks';
import { nodeCryptoReferences, preferredQuote, replaceNode } from '../../server/src/engine/fixes';
import { PASSWORD_HASHES } from '../../server/src/engine/policy/schemes';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

/**
 * bcrypt, Argon2 and scrypt password hashing (reference §2.5, §2.11): none is an approved
 * password-based KDF. SP 800-132 approves only PBKDF2 with an approved HMAC. Hashes already
 * stored stay readable only with the old algorithm, so every fix and message says how to migrate.
 */

const BCRYPT = ['bcrypt', 'bcryptjs', '@node-rs/bcrypt'];
// bcrypt-pbkdf: OpenSSH's bcrypt-based KDF (encrypted private keys, ssh2).
const HASHING = [...BCRYPT.flatMap((lib) => [`${lib}.hash`, `${lib}.hashSync`, `${lib}.genSalt`, `${lib}.genSaltSync`]), 'bcrypt-pbkdf.pbkdf'];
const CHECKING = BCRYPT.flatMap((lib) => [`${lib}.compare`, `${lib}.compareSync`, `${lib}.verify`, `${lib}.verifySync`]);
const ARGON2 = ['argon2.hash', '@node-rs/argon2.hash', '@node-rs/argon2.hashSync', '@node-rs/argon2.hashRaw', '@node-rs/argon2.hashRawSync'];
const ARGON2_CHECKING = ['argon2.verify', '@node-rs/argon2.verify', '@node-rs/argon2.verifySync'];
const SCRYPT = ['scrypt-js.scrypt', 'scrypt-js.syncScrypt'];

const ALGORITHMS: Record<string, keyof typeof PASSWORD_HASHES> = { 'bcrypt-pbkdf': 'bcrypt', bcrypt: 'bcrypt', bcryptjs: 'bcrypt', '@node-rs/bcrypt': 'bcrypt', argon2: 'Argon2', '@node-rs/argon2': 'Argon2', 'scrypt-js': 'scrypt' };
const MIGRATION = 'stored hashes must be migrated: check them with the old algorithm at the next login, then re-hash with PBKDF2 and tag the new format';

export default defineRule({
  meta: {
    id: 'password-hashing',
    category: 'kdf',
    description: 'Password hashing with bcrypt, Argon2 or scrypt libraries, which are not approved key-derivation functions, or with a bare digest',
    reference: '§2.5, §2.11 (password hashing)',
    standards: ['SP 800-132', 'SP 800-131A Rev 2 §8', 'FIPS 140-3 IG D.N'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: [...HASHING, ...CHECKING, ...ARGON2, ...ARGON2_CHECKING, ...SCRYPT, 'crypto.createHash', 'crypto.hash'],
  },
  create(context) {
    const report = (checking: boolean) => (site: CallSite) => {
      const library = libraryOf(site.api);
      const algorithm = ALGORITHMS[library];
      const fix = !checking && site.api.endsWith('.hashSync') ? pbkdf2Fix(site) : undefined;
      context.report({
        site: site.node.expression,
        status: 'NO',
        message: describe(
          `${quoteCode(site.node.expression, site.sourceFile)} ${checking ? 'checks a password against' : 'hashes a password with'} ${algorithm} (${library})`,
          `${PASSWORD_HASHES[algorithm].why}, and ${library} is not a validated module`,
          checking
            ? `Keep it only to check passwords stored before the move; ${MIGRATION}.`
            : `Use crypto.pbkdf2 with 'sha256', 600,000 iterations and a random 16-byte salt; ${MIGRATION}.`,
        ),
        fixes: [fix],
      });
    };
    const calls: Record<string, (site: CallSite) => void> = {};
    for (const api of [...HASHING, ...ARGON2, ...SCRYPT]) calls[api] = report(false);
    for (const api of [...CHECKING, ...ARGON2_CHECKING]) calls[api] = report(true);
    // A password through a bare digest: `createHash('sha256').update(password)`, `crypto.hash('sha1', pwd)`.
    const bareDigest = (data: ts.Expression | undefined, site: CallSite, chain?: ts.Expression) => {
      const password = (data && passwordOperand(data)) ?? (data && chain && storedAsPassword(chain) ? data : undefined);
      if (!password) return;
      const digest = context.strings(site.argument('algorithm'))[0]?.value;
      context.report({
        site: password,
        status: 'NO',
        message: describe(
          `A password is hashed with a bare digest${digest ? ` (${digest})` : ''}`,
          'a single fast hash per guess is not a password-based KDF: SP 800-132 requires PBKDF2 with a salt and an iteration count, and GPUs try billions of SHA-256 guesses a second',
          `Use crypto.pbkdf2 with 'sha256', 600,000 iterations and a random 16-byte salt stored with the hash; ${MIGRATION}.`,
        ),
      });
    };
    calls['crypto.createHash'] = (site) => {
      const update = site.node.parent;
      if (!ts.isPropertyAccessExpression(update) || update.name.text !== 'update' || !ts.isCallExpression(update.parent) || update.parent.expression !== update) return;
      // The whole chain, through `.digest(...)`: where the hash is stored says what it is.
      const digestCall = update.parent.parent && ts.isPropertyAccessExpression(update.parent.parent) && update.parent.parent.name.text === 'digest' && ts.isCallExpression(update.parent.parent.parent) ? update.parent.parent.parent : update.parent;
      bareDigest(update.parent.arguments[0], site, digestCall);
    };
    calls['crypto.hash'] = (site) => bareDigest(site.argument('data'), site, site.node);
    return { calls };
  },
});

/** The part of hashed data that names a password (`password`, `req.body.newPassword`, `pwd + salt`), if any. */
function passwordOperand(expression: ts.Expression): ts.Expression | undefined {
  const node = ts.skipPartiallyEmittedExpressions(expression);
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return passwordOperand(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return passwordOperand(node.left) ?? passwordOperand(node.right);
  if (ts.isTemplateExpression(node)) {
    for (const span of node.templateSpans) {
      const found = passwordOperand(span.expression);
      if (found) return found;
    }
    return undefined;
  }
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
  if (!name) return undefined;
  return isPasswordName(name) ? node : undefined;
}

function isPasswordName(name: string): boolean {
  const lower = name.toLowerCase();
  return /^(pw|pwd|pass)(text|plain|clear|str|string)?$/.test(lower) || lower.endsWith('password') || lower.endsWith('passwd') || lower.endsWith('passphrase') || /^(plain|clear|raw|new|old|user)(pw|pwd)$/.test(lower);
}

/**
 * Where a digest goes when the data is not named a password: `user.setPassword(digest)`,
 * `user.password = digest`, directly or through one variable of the same function.
 */
function storedAsPassword(chain: ts.Expression): boolean {
  const target = (node: ts.Expression): boolean => {
    const parent = node.parent;
    if (!parent) return false;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== node) {
      const callee = parent.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      return /pass(word|wd)/i.test(name);
    }
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
      const left = parent.left;
      const name = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isIdentifier(left) ? left.text : '';
      return isPasswordName(name) || /pass(word|wd)hash$/i.test(name);
    }
    if (ts.isPropertyAssignment(parent) && parent.initializer === node) return isPasswordName(parent.name.getText()) || /pass(word|wd)hash$/i.test(parent.name.getText());
    return false;
  };
  if (target(chain)) return true;
  // One hop: `digest = hash(...)` then `user.setPassword(digest)` in the same function.
  const parent = chain.parent;
  const variable = parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : parent && ts.isBinaryExpression(parent) && parent.right === chain && ts.isIdentifier(parent.left) ? parent.left.text : undefined;
  if (!variable) return false;
  const scope: ts.Node = enclosingFunction(chain) ?? chain.getSourceFile();
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === variable && node !== (parent as ts.VariableDeclaration).name && target(node)) found = true;
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

/**
 * `bcrypt.hashSync(password, rounds)` → a self-describing PBKDF2 string
 * (`pbkdf2-sha256$600000$<salt>$<hash>`) so that the verifier can tell old and new hashes apart.
 * A suggestion: the verifier must change with it, and 600,000 iterations take far longer than
 * bcrypt's 10 rounds on a busy server.
 */
function pbkdf2Fix(site: CallSite) {
  const call = site.node as ts.CallExpression;
  const password = call.arguments[0];
  if (!password || call.arguments.length > 2) return undefined;
  const { texts, edits } = nodeCryptoReferences(site.sourceFile, ['pbkdf2Sync', 'randomBytes']);
  const q = preferredQuote(site.sourceFile);
  const expression = `((salt) => \`pbkdf2-sha256$600000$\${salt.toString(${q}base64${q})}$\${${texts.pbkdf2Sync}(${password.getText(site.sourceFile)}, salt, 600000, 32, ${q}sha256${q}).toString(${q}base64${q})}\`)(${texts.randomBytes}(16))`;
  return {
    title: 'Hash with PBKDF2-SHA-256 (600,000 iterations, random salt) in a tagged format; the verifier must accept it and old hashes need migrating',
    safety: 'suggestion' as const,
    preferred: true,
    edits: [replaceNode(site, expression), ...edits],
  };
}
