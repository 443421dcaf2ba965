import { ts } from '../../server/src/engine/typescript';
import { describe } from '../../server/src/engine/checks';
import { replaceNode } from '../../server/src/engine/fixes';
import { statusFor } from '../../server/src/engine/policy/status';
import { RANDOM_SOURCES } from '../../server/src/engine/policy/schemes';
import { defineRule, type CallSite } from '../../server/src/engine/rule';

export default defineRule({
  meta: {
    id: 'no-pseudo-random-bytes',
    category: 'random',
    description: 'crypto.pseudoRandomBytes, crypto.prng and crypto.rng: deprecated aliases of randomBytes',
    reference: '§2.6',
    standards: ['SP 800-90A Rev 1', 'Node DEP0115'],
    fix: 'safe',
    judgesAlgorithm: true,
    apis: ['crypto.pseudoRandomBytes', 'crypto.prng', 'crypto.rng'],
  },
  create(context) {
    const check = (name: string) => (site: CallSite) => {
      const callee = site.node.expression;
      const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
      context.report({
        site: nameNode ?? callee,
        status: statusFor(RANDOM_SOURCES.pseudoRandomBytes.status, context.policy('apply')),
        message: describe(
          `crypto.${name} is a deprecated alias (DEP0115)`,
          RANDOM_SOURCES.pseudoRandomBytes.why,
          'Call crypto.randomBytes.',
        ),
        fipsRuntime: 'runs',
        fixes: nameNode ? [{ title: `Rename ${name} to randomBytes (the same function)`, safety: 'safe', edits: [replaceNode({ sourceFile: site.sourceFile, node: nameNode }, 'randomBytes')] }] : [],
      });
    };
    return { calls: { 'crypto.pseudoRandomBytes': check('pseudoRandomBytes'), 'crypto.prng': check('prng'), 'crypto.rng': check('rng') } };
  },
});
