import { ts } from '../../server/src/engine/typescript';
import { calleeBaseText, describe, objectProperty, webCryptoAlgorithms } from '../../server/src/engine/checks';
import { replaceValue } from '../../server/src/engine/fixes';
import { parseCipherName, type ParsedCipher } from '../../server/src/engine/policy/ciphers';
import { enclosingFunction, skipOuterExpressions, type Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

/** SP 800-38D §5.2.1.1 recommends 96-bit GCM IVs; IG C.H requires them to be unique per key. */
const GCM_MIN_IV_BYTES = 12;

export default defineRule({
  meta: {
    id: 'cipher-iv',
    category: 'mode',
    description: 'Constant, zero, hard-coded, reused or key-derived IVs for encryption, and GCM IVs shorter than 96 bits',
    reference: '§2.3.1, §2.3.4, §2.8',
    standards: ['SP 800-38A Appendix C', 'SP 800-38D §5.2.1.1, §8', 'FIPS 140-3 IG C.H'],
    fix: 'suggestion',
    apis: ['crypto.createCipheriv', 'crypto.subtle.encrypt', 'crypto.subtle.wrapKey'],
  },
  create(context) {
    return {
      calls: {
        'crypto.createCipheriv': (site) => {
          const iv = site.argument('iv');
          if (!iv) return;
          const modes = context.strings(site.argument('algorithm')).map((v) => parseCipherName(v.value)).filter((p): p is ParsedCipher => !!p);
          // ECB and RC4 take no IV (Node wants null or an empty one), key wrap has a fixed one, XTS a tweak.
          if (modes.length > 0 && modes.every((m) => m.mode === 'ecb' || m.mode === 'wrap' || m.mode === 'wrap-pad' || m.mode === 'xts' || m.family === 'rc4')) return;
          // Key wrap named by a template (`aes${size}-wrap`): its fixed IV is the RFC 3394 integrity check value.
          if (modes.length === 0 && /wrap/i.test(site.argument('algorithm')?.getText(site.sourceFile) ?? '')) return;
          const isGcm = modes.length > 0 && modes.every((m) => m.mode === 'gcm');
          const randomBytes = calleeBaseText(site.node.expression, site.sourceFile);
          const derived = keyReferenceIn(iv, site.argument('key'));
          if (derived) {
            context.report({
              site: derived,
              status: 'NO',
              message: describe(
                'The IV is derived from the key',
                'an IV computed from the key repeats for every message under that key and leaks key bits; IVs must be unpredictable (CBC/CFB) or unique (CTR/OFB/GCM) (SP 800-38A Appendix C; SP 800-38D §8)',
                `Generate a random IV per message (crypto.randomBytes(${modes[0]?.mode === 'gcm' ? 12 : 16})) and store it with the ciphertext.`,
              ),
              fipsRuntime: 'runs',
            });
            return;
          }
          const generatedOnce = randomIvMadeOutside(iv, site);
          if (generatedOnce) {
            context.report({
              site: iv,
              status: 'NO',
              message: describe(
                'The IV is generated once and reused for every encryption',
                'it is made outside the function that encrypts, so every message under the key gets the same IV; CTR/GCM IVs must never repeat under a key and CBC IVs must be unpredictable per message (SP 800-38D §8; SP 800-38A Appendix C; IG C.H)',
                'Generate the IV inside the function, per message, and store it with the ciphertext.',
              ),
              fipsRuntime: 'runs',
              related: [{ origin: { sourceFile: generatedOnce.getSourceFile(), node: generatedOnce }, message: 'the IV is generated here, once' }],
            });
            return;
          }
          checkIv(context.resolver.values(iv), iv, isGcm, randomBytes ? `${randomBytes}.randomBytes` : undefined, modes[0]?.mode === 'gcm' ? 12 : 16);
        },
        'crypto.subtle.encrypt': (site) => webIv(site),
        'crypto.subtle.wrapKey': (site) => webIv(site),
      },
    };

    function webIv(site: CallSite) {
      const algorithm = site.argument('algorithm');
      for (const { name, object } of webCryptoAlgorithms(context, algorithm)) {
        if (!object) continue;
        const upper = name.value.toUpperCase();
        const field = upper === 'AES-CTR' ? 'counter' : upper === 'AES-GCM' || upper === 'AES-CBC' ? 'iv' : undefined;
        if (!field) continue;
        for (const { hit, value } of objectProperty(context, object, field)) {
          checkIv([value], hit.sourceFile === context.sourceFile ? hit.property : algorithm!, upper === 'AES-GCM', undefined, upper === 'AES-GCM' ? 12 : 16);
        }
      }
    }

    /**
     * A `const iv = randomBytes(16)` made at module level (or in an outer function) and used by a
     * function that encrypts: random once, then the same for every call.
     */
    function randomIvMadeOutside(iv: ts.Expression, site: CallSite): ts.Node | undefined {
      const node = skipOuterExpressions(iv);
      if (!ts.isIdentifier(node)) return undefined;
      const declaration = context.resolver.findDeclaration(node);
      if (declaration?.kind !== 'variable' || !declaration.isConst || !declaration.node.initializer) return undefined;
      const encrypting = enclosingFunction(site.node);
      if (!encrypting || (declaration.node.pos >= encrypting.pos && declaration.node.end <= encrypting.end)) return undefined;
      const random = context.resolver.values(declaration.node.initializer).some((v) => v.kind === 'bytes' && v.random);
      return random ? declaration.node : undefined;
    }

    /**
     * Where the IV expression (or the `const` it names) uses the key itself, e.g. `key.subarray(0, 16)`
     * or `createHash('md5').update(key).digest()`. Using only `key.length` does not count.
     */
    function keyReferenceIn(iv: ts.Expression, key: ts.Expression | undefined): ts.Node | undefined {
      if (!key) return undefined;
      const keyNode = skipOuterExpressions(key);
      if (!ts.isIdentifier(keyNode) && !ts.isPropertyAccessExpression(keyNode)) return undefined;
      const keyText = keyNode.getText(context.sourceFile);
      const keyDeclaration = ts.isIdentifier(keyNode) ? context.resolver.findDeclaration(keyNode)?.node : undefined;
      const candidates: ts.Node[] = [iv];
      const ivNode = skipOuterExpressions(iv);
      if (ts.isIdentifier(ivNode)) {
        const declaration = context.resolver.findDeclaration(ivNode);
        if (declaration?.kind === 'variable' && declaration.isConst && declaration.node.initializer) candidates.push(declaration.node.initializer);
      }
      let found: ts.Node | undefined;
      const visit = (node: ts.Node): void => {
        if (found) return;
        const isKey =
          (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) &&
          node.getText(node.getSourceFile()) === keyText &&
          (!keyDeclaration || !ts.isIdentifier(node) || context.resolver.findDeclaration(node)?.node === keyDeclaration);
        const onlyLength = ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && node.parent.name.text === 'length';
        if (isKey && !onlyLength && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) found = node;
        else ts.forEachChild(node, visit);
      };
      for (const candidate of candidates) if (candidate.getSourceFile() === context.sourceFile) visit(candidate);
      return found ? iv : undefined;
    }

    function checkIv(values: Value[], site: ts.Node, isGcm: boolean, randomBytesCall: string | undefined, length: number) {
      for (const value of values) {
        const bytes = context.resolver.bytesOf(value);
        if (!bytes) continue;
        const fix = randomBytesCall
          ? [{ title: `Use a fresh random IV: ${randomBytesCall}(${length}) (store or send it with the ciphertext)`, safety: 'suggestion' as const, edits: [replaceValue(value, `${randomBytesCall}(${length})`)] }]
          : [];
        if (!bytes.varies) {
          context.report({
            value,
            site,
            status: 'NO',
            message: describe(
              'The IV is a constant',
              'the same key and IV encrypt every message alike; CBC/CFB need unpredictable IVs and CTR/OFB/GCM unique ones (SP 800-38A Appendix C; SP 800-38D §8; IG C.H)',
              `Generate a random IV per message (crypto.randomBytes(${length})) and store it with the ciphertext.`,
            ),
            fipsRuntime: 'runs',
            fixes: fix,
          });
        } else if (isGcm && bytes.random && bytes.length < GCM_MIN_IV_BYTES) {
          context.report({
            value,
            site,
            status: 'NO',
            message: describe(`The GCM IV is ${bytes.length} bytes`, 'GCM needs 96-bit (12-byte) IVs for random IV construction (SP 800-38D §5.2.1.1, §8.2.2)', 'Use 12 random bytes.'),
            fipsRuntime: 'runs',
            fixes: fix,
          });
        }
      }
    }
  },
});
