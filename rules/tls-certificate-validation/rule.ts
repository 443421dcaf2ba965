import { ts } from '../../server/src/engine/typescript';
import { TLS_OPTION_APIS } from '../../server/src/engine/apis';
import { describe, onTlsOptions, siteFor } from '../../server/src/engine/checks';
import { removeProperty, removeStatement, replaceValue } from '../../server/src/engine/fixes';
import type { PropertyHit, Value } from '../../server/src/engine/resolve';
import { defineRule, type AssignmentSite, type CallSite } from '../../server/src/engine/rule';

const WHY = 'TLS clients must validate the server certificate path and identity (SP 800-52 Rev 2 §4; RFC 5280)';

export default defineRule({
  meta: {
    id: 'tls-certificate-validation',
    category: 'tls',
    description: 'Disabled TLS certificate validation: rejectUnauthorized: false, NODE_TLS_REJECT_UNAUTHORIZED=0, a checkServerIdentity that accepts everything',
    reference: '§1.10 (Certificates), §2.9',
    standards: ['SP 800-52 Rev 2 §3–4', 'RFC 5280'],
    fix: 'safe',
    apis: [
      ...TLS_OPTION_APIS,
      'Object.assign',
      'assign:process.env.NODE_TLS_REJECT_UNAUTHORIZED',
      'assign:https.Agent.instance.options.rejectUnauthorized',
    ],
  },
  create(context) {
    const optionsCheck = (site: CallSite) => {
      const options = site.optionsArgument();
      if (!options) return;
      for (const hit of context.properties(options, 'rejectUnauthorized')) {
        for (const value of context.valuesOf(hit)) if (isFalse(value)) reportRejectUnauthorized(value, siteFor(context, hit, options));
      }
      for (const hit of context.properties(options, 'checkServerIdentity')) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind === 'function' && acceptsEverything(value.node)) reportNoOpIdentityCheck(hit, options);
        }
      }
    };
    const calls = onTlsOptions(optionsCheck);
    calls['Object.assign'] = (site) => {
      const target = site.argument('target');
      if (!target || context.resolver.resolveApi(target)?.join('.') !== 'process.env') return;
      for (const source of site.node.arguments?.slice(1) ?? []) {
        for (const hit of context.properties(source, 'NODE_TLS_REJECT_UNAUTHORIZED')) {
          for (const value of context.valuesOf(hit)) {
            if (!disablesValidation(value)) continue;
            context.report({
              value,
              site: siteFor(context, hit, source),
              status: 'NO',
              message: describe('NODE_TLS_REJECT_UNAUTHORIZED is set to 0', `it turns off certificate validation for every TLS connection of the process; ${WHY}`, 'Remove it; give private CAs with the ca option or NODE_EXTRA_CA_CERTS.'),
              fipsRuntime: 'runs',
              fixes: hit.sourceFile === context.sourceFile ? [{ title: 'Remove NODE_TLS_REJECT_UNAUTHORIZED', safety: 'safe', edits: [removeProperty(hit.property, hit.sourceFile)] }] : [],
            });
          }
        }
      }
    };
    return {
      calls,
      assignments: {
        'process.env.NODE_TLS_REJECT_UNAUTHORIZED': (site: AssignmentSite) => {
          for (const value of context.resolver.values(site.node.right)) {
            if (!disablesValidation(value)) continue;
            const statement = site.node.parent;
            context.report({
              value,
              site: site.node,
              status: 'NO',
              message: describe('NODE_TLS_REJECT_UNAUTHORIZED is set to 0', `it turns off certificate validation for every TLS connection of the process; ${WHY}`, 'Remove the assignment; give private CAs with the ca option or NODE_EXTRA_CA_CERTS.'),
              fipsRuntime: 'runs',
              fixes: ts.isExpressionStatement(statement) ? [{ title: 'Remove the assignment', safety: 'safe', edits: [removeStatement(statement, site.sourceFile)] }] : [],
            });
          }
        },
        // Covers https.globalAgent too (normalised to an Agent instance).
        'https.Agent.instance.options.rejectUnauthorized': (site: AssignmentSite) => {
          for (const value of context.resolver.values(site.node.right)) if (isFalse(value)) reportRejectUnauthorized(value, site.node);
        },
      },
    };

    function reportRejectUnauthorized(value: Value, site: ts.Node) {
      context.report({
        value,
        site,
        status: 'NO',
        message: describe('rejectUnauthorized: false turns off TLS certificate validation', WHY, 'Remove it and give private CAs with the ca option.'),
        fipsRuntime: 'runs',
        fixes: [{ title: 'Set rejectUnauthorized to true (servers with untrusted certificates need their CA in ca)', safety: 'safe', edits: [replaceValue(value, 'true')] }],
      });
    }

    function reportNoOpIdentityCheck(hit: PropertyHit, options: ts.Expression) {
      context.report({
        site: siteFor(context, hit, options),
        status: 'NO',
        message: describe('checkServerIdentity never returns an error', `it accepts a certificate for any host name; ${WHY}`, 'Remove it, or call tls.checkServerIdentity(host, cert) first and return its result.'),
        fipsRuntime: 'runs',
        fixes: hit.sourceFile === context.sourceFile && (ts.isPropertyAssignment(hit.property) || ts.isMethodDeclaration(hit.property)) ? [{ title: 'Remove checkServerIdentity (use the default host-name check)', safety: 'safe', edits: [removeProperty(hit.property, hit.sourceFile)] }] : [],
      });
    }
  },
});

function isFalse(value: Value): boolean {
  return (value.kind === 'boolean' && !value.value) || (value.kind === 'number' && value.value === 0);
}

function disablesValidation(value: Value): boolean {
  return (value.kind === 'string' && value.value.trim() === '0') || (value.kind === 'number' && value.value === 0) || (value.kind === 'boolean' && !value.value);
}

/** A function that can only return undefined/null and never throws accepts every certificate. */
function acceptsEverything(fn: ts.SignatureDeclaration): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isNothing(body);
  let accepts = true;
  const visit = (node: ts.Node): void => {
    if (!accepts || ts.isFunctionLike(node)) return;
    if (ts.isThrowStatement(node)) accepts = false;
    else if (ts.isReturnStatement(node) && node.expression && !isNothing(node.expression)) accepts = false;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return accepts;
}

function isNothing(expression: ts.Expression): boolean {
  const node = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  return (
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined') ||
    ts.isVoidExpression(node)
  );
}
