import { ts } from '../../server/src/engine/typescript';
import { calleeBaseText, describe } from '../../server/src/engine/checks';
import { preferredQuote, replaceNode } from '../../server/src/engine/fixes';
import { PASSWORD_HASHES } from '../../server/src/engine/policy/schemes';
import { defineRule, type CallSite, type FixDescriptor } from '../../server/src/engine/rule';

export default defineRule({
  meta: {
    id: 'no-scrypt',
    category: 'kdf',
    description: 'scrypt, which is not an approved key-derivation function',
    reference: '§1.8, §2.5, §5 (scrypt/bcrypt/Argon2)',
    standards: ['SP 800-132', 'SP 800-131A Rev 2 §8'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: ['crypto.scrypt', 'crypto.scryptSync'],
  },
  create(context) {
    const check = (sync: boolean) => (site: CallSite) =>
      context.report({
        site: site.node.expression,
        status: 'NO',
        message: describe(
          `crypto.${sync ? 'scryptSync' : 'scrypt'} derives keys with scrypt`,
          PASSWORD_HASHES.scrypt.why,
          `Use ${PASSWORD_HASHES.scrypt.instead}. PBKDF2 resists GPU cracking less than memory-hard functions.`,
        ),
        fipsRuntime: PASSWORD_HASHES.scrypt.fipsRuntime,
        fixes: [pbkdf2Fix(site, sync)],
      });
    return { calls: { 'crypto.scrypt': check(false), 'crypto.scryptSync': check(true) } };

    function pbkdf2Fix(site: CallSite, sync: boolean): FixDescriptor | undefined {
      const base = calleeBaseText(site.node.expression, site.sourceFile);
      const args = site.node.arguments ?? [];
      if (!base || args.length < 3) return undefined;
      const text = (node: ts.Node) => node.getText(site.sourceFile);
      const quote = preferredQuote(site.sourceFile);
      const callback = sync ? undefined : args[args.length - 1];
      if (!sync && (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback) || ts.isIdentifier(callback)))) return undefined;
      const parts = [text(args[0]), text(args[1]), '600000', text(args[2]), `${quote}sha256${quote}`];
      if (callback) parts.push(text(callback));
      return {
        title: 'Use PBKDF2-HMAC-SHA-256 with 600,000 iterations (a different hash: re-hash stored passwords on next login)',
        safety: 'suggestion',
        edits: [replaceNode({ sourceFile: site.sourceFile, node: site.node }, `${base}.${sync ? 'pbkdf2Sync' : 'pbkdf2'}(${parts.join(', ')})`)],
      };
    }
  },
});
