import { ts } from '../../server/src/engine/typescript';
import { TLS_CLIENT_CONTAINERS, TLS_CLIENT_LIBRARY_APIS, TLS_OPTION_APIS } from '../../server/src/engine/apis';
import { describe, isAssertionData, onTlsOptions, siteFor, walkTlsContainers } from '../../server/src/engine/checks';
import { removeProperty, removeStatement, replaceString, replaceValue } from '../../server/src/engine/fixes';
import type { PropertyHit, Value } from '../../server/src/engine/resolve';
import { accessChain } from '../../server/src/engine/resolve/objects';
import { defineRule, type AssignmentSite, type CallSite, type PropertySite, type RuleListeners } from '../../server/src/engine/rule';

/** Switches that disable validation, with the value that does it. `rejectUnauthorized` also counts `0`. */
const CLIENT_SWITCHES: Array<[string, boolean]> = [
  ['rejectUnauthorized', false],
  ['strictSSL', false],
  ['sslValidate', false],
  ['tlsAllowInvalidCertificates', true],
  ['tlsAllowInvalidHostnames', true],
  ['tlsInsecure', true],
  ['trustServerCertificate', true],
];

const WHY = 'TLS clients must validate the server certificate path and identity (SP 800-52 Rev 2 §4; RFC 5280)';

export default defineRule({
  meta: {
    id: 'tls-certificate-validation',
    category: 'tls',
    description: 'Disabled TLS certificate validation: rejectUnauthorized: false, NODE_TLS_REJECT_UNAUTHORIZED=0, a checkServerIdentity that accepts everything, and the same switches in HTTP, database, Redis, mail and WebSocket clients',
    reference: '§1.10 (Certificates), §2.9',
    standards: ['SP 800-52 Rev 2 §3–4', 'RFC 5280'],
    fix: 'suggestion',
    apis: [
      ...TLS_OPTION_APIS,
      ...TLS_CLIENT_LIBRARY_APIS,
      'superagent.request.disableTLSCerts',
      ...CLIENT_SWITCHES.map(([name]) => `property:${name}`),
      'property:checkServerIdentity',
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
    const clientCheck = (site: CallSite) => {
      for (const argument of site.node.arguments ?? []) {
        if (ts.isSpreadElement(argument)) continue;
        // Strings (connection strings) are read one level deeper than the switches.
        walkTlsContainers(context, argument, argument, 4, checkClientOptions);
        if (PROXY_APIS.has(site.api)) checkProxySecure(argument);
      }
    };
    for (const api of TLS_CLIENT_LIBRARY_APIS) calls[api] = clientCheck;
    calls['superagent.request.disableTLSCerts'] = (site) => {
      const callee = site.node.expression;
      const base = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
      context.report({
        site: ts.isPropertyAccessExpression(callee) ? callee.name : callee,
        status: 'NO',
        message: describe('disableTLSCerts() turns off TLS certificate validation for the request', WHY, 'Remove it and give private CAs with .ca(cert).'),
        fipsRuntime: 'runs',
        fixes: base ? [{ title: 'Remove .disableTLSCerts()', safety: 'suggestion', edits: [{ file: site.sourceFile.fileName, start: base.getEnd(), end: site.node.getEnd(), newText: '' }] }] : [],
      });
    };
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
              fixes: hit.sourceFile === context.sourceFile ? [{ title: 'Remove NODE_TLS_REJECT_UNAUTHORIZED', safety: 'suggestion', edits: [removeProperty(hit.property, hit.sourceFile)] }] : [],
            });
          }
        }
      }
    };
    // The switches are unambiguous, so they are reported wherever they are set: in any object
    // literal (a configuration module, a ternary, options for a client library not listed above)
    // and by assignment (`config.ssl.rejectUnauthorized = false` in a connection-string parser whose
    // result goes back to its caller). The expected value of a test assertion is data, not a setting.
    const properties: NonNullable<RuleListeners['properties']> = {};
    for (const [name, insecure] of CLIENT_SWITCHES) {
      properties[name] = (site: PropertySite) => {
        if (isAssertionData(site.node)) return;
        for (const value of context.resolver.values(site.value)) {
          if (disables(name, insecure, value)) reportSwitch(name, insecure, value, site.node);
        }
      };
    }
    properties.checkServerIdentity = (site: PropertySite) => {
      if (isAssertionData(site.node)) return;
      for (const value of context.resolver.values(site.value)) {
        if (value.kind !== 'function' || !acceptsEverything(value.node)) continue;
        // By assignment the name alone says less (`listeners.checkServerIdentity = (site) => {...}`):
        // the object written into is TLS options, or the function is an empty stub.
        if (ts.isBinaryExpression(site.node) && !isEmptyStub(value.node) && !writesIntoTlsOptions(site.node.left)) continue;
        reportNoOpIdentityCheck({ property: site.node, value: site.value, sourceFile: site.sourceFile, via: [] }, site.node);
      }
    };
    return {
      calls,
      properties,
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
              fixes: ts.isExpressionStatement(statement) ? [{ title: 'Remove the assignment', safety: 'suggestion', edits: [removeStatement(statement, site.sourceFile)] }] : [],
            });
          }
        },
        // Covers https.globalAgent too (normalised to an Agent instance).
        'https.Agent.instance.options.rejectUnauthorized': (site: AssignmentSite) => {
          for (const value of context.resolver.values(site.node.right)) if (isFalse(value)) reportRejectUnauthorized(value, site.node);
        },
      },
    };

    /**
     * Client libraries nest the Node TLS options (`ssl: { rejectUnauthorized }` in pg and mysql2,
     * `https: { … }` in got, `connect: { … }` in undici) or name the switch their own way
     * (request's `strictSSL`, MongoDB's `tlsAllowInvalidCertificates`); connection strings carry
     * it too (`?sslmode=no-verify`).
     */
    function checkClientOptions(expression: ts.Expression, anchor: ts.Expression, depth: number) {
      // Findings sit where the value is written in this file, else on the argument (`anchor`) that brought it here.
      const at = (hit: PropertyHit) => siteFor(context, hit, anchor);
      for (const value of context.strings(expression)) checkConnectionString(value.value, expression.getSourceFile() === context.sourceFile ? expression : anchor, value);
      if (ts.isTemplateExpression(expression)) checkConnectionString(expression.head.text + expression.templateSpans.map((span) => '\u0000' + span.literal.text).join(''), expression.getSourceFile() === context.sourceFile ? expression : anchor);
      if (depth > 3) return;
      for (const name of ['connectionString', 'url', 'uri']) {
        for (const hit of context.properties(expression, name)) for (const value of context.valuesOf(hit)) if (value.kind === 'string') checkConnectionString(value.value, at(hit), value);
      }
      for (const [name, insecure] of CLIENT_SWITCHES) {
        for (const hit of context.properties(expression, name)) {
          for (const value of context.valuesOf(hit)) {
            if (!disables(name, insecure, value)) continue;
            reportSwitch(name, insecure, value, at(hit));
          }
        }
      }
      for (const hit of context.properties(expression, 'checkServerIdentity')) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind === 'function' && acceptsEverything(value.node)) reportNoOpIdentityCheck(hit, anchor);
        }
      }
    }

    function reportSwitch(name: string, insecure: boolean, value: Value, site: ts.Node) {
      if (name === 'rejectUnauthorized') return reportRejectUnauthorized(value, site);
      context.report({
        value,
        site,
        status: 'NO',
        message: describe(`${name}: ${insecure} turns off TLS certificate ${name.includes('Hostname') ? 'host-name ' : ''}validation`, WHY, 'Remove it and give private CAs with the ca (or tlsCAFile) option.'),
        fipsRuntime: 'runs',
        fixes: [{ title: `Set ${name} to ${!insecure}`, safety: 'suggestion', edits: [replaceValue(value, String(!insecure))] }],
      });
    }

    function checkProxySecure(options: ts.Expression) {
      for (const hit of context.properties(options, 'secure')) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind !== 'boolean' || value.value) continue;
          context.report({
            value,
            site: siteFor(context, hit, options),
            status: 'NO',
            message: describe('secure: false makes the proxy skip validating the target\'s TLS certificate', WHY, 'Remove it and give the target\'s CA in the agent options.'),
            fipsRuntime: 'runs',
            fixes: [{ title: 'Set secure to true', safety: 'suggestion', edits: [replaceValue(value, 'true')] }],
          });
        }
      }
    }

    /**
     * A connection string, as a known value (fixable) or a template whose literal text holds the
     * parameter (`postgres://${user}@${host}/db?sslmode=no-verify`; the rest is not known).
     */
    function checkConnectionString(text: string, site: ts.Node, value?: Value) {
      for (const { pattern, secure } of INSECURE_URL_PARAMETERS) {
        const match = pattern.exec(text);
        if (!match) continue;
        context.report({
          value,
          site,
          status: 'NO',
          message: describe(`The connection string sets ${match[2]}, which turns off TLS certificate validation`, WHY, `Use ${secure} and give the CA.`),
          fipsRuntime: 'runs',
          fixes: value ? [{ title: `Use ${secure}`, safety: 'suggestion', edits: [replaceString(value, text.replace(pattern, `$1${secure}`))] }] : [],
        });
      }
    }

    function reportRejectUnauthorized(value: Value, site: ts.Node) {
      context.report({
        value,
        site,
        status: 'NO',
        message: describe('rejectUnauthorized: false turns off TLS certificate validation', WHY, 'Remove it and give private CAs with the ca option.'),
        fipsRuntime: 'runs',
        fixes: [{ title: 'Set rejectUnauthorized to true (servers with untrusted certificates need their CA in ca)', safety: 'suggestion', edits: [replaceValue(value, 'true')] }],
      });
    }

    function reportNoOpIdentityCheck(hit: PropertyHit, options: ts.Node) {
      context.report({
        site: siteFor(context, hit, options),
        status: 'NO',
        message: describe('checkServerIdentity never returns an error', `it accepts a certificate for any host name; ${WHY}`, 'Remove it, or call tls.checkServerIdentity(host, cert) first and return its result.'),
        fipsRuntime: 'runs',
        fixes:
          hit.sourceFile !== context.sourceFile
            ? []
            : ts.isPropertyAssignment(hit.property) || ts.isMethodDeclaration(hit.property)
              ? [{ title: 'Remove checkServerIdentity (use the default host-name check)', safety: 'suggestion', edits: [removeProperty(hit.property, hit.sourceFile)] }]
              : ts.isBinaryExpression(hit.property) && ts.isExpressionStatement(hit.property.parent)
                ? [{ title: 'Remove the assignment (use the default host-name check; connections to hosts the certificate does not name then fail)', safety: 'suggestion', edits: [removeStatement(hit.property.parent, hit.sourceFile)] }]
                : [],
      });
    }
  },
});

/** http-proxy's `secure: false` skips verifying the target's certificate. */
const PROXY_APIS = new Set(['http-proxy.createProxyServer', 'http-proxy.createProxy', 'http-proxy-middleware.createProxyMiddleware']);

/** Option objects under which clients keep the TLS settings. */

/** Connection-string parameters that disable validation, and what the fix writes. */
const INSECURE_URL_PARAMETERS: Array<{ pattern: RegExp; secure: string }> = [
  { pattern: /([?&])(sslmode=no-verify)\b/, secure: 'sslmode=verify-full' },
  { pattern: /([?&])(tlsAllowInvalidCertificates=true)\b/i, secure: 'tlsAllowInvalidCertificates=false' },
  { pattern: /([?&])(tlsAllowInvalidHostnames=true)\b/i, secure: 'tlsAllowInvalidHostnames=false' },
  { pattern: /([?&])(tlsInsecure=true)\b/i, secure: 'tlsInsecure=false' },
  { pattern: /([?&])(sslValidate=false)\b/i, secure: 'sslValidate=true' },
];

/** Whether a switch's value turns validation off (`rejectUnauthorized` also takes 0). */
function disables(name: string, insecure: boolean, value: Value): boolean {
  return name === 'rejectUnauthorized' ? isFalse(value) : value.kind === 'boolean' && value.value === insecure;
}

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

/** `function () {}`, `() => {}`, `() => undefined`: a function that does nothing at all. */
function isEmptyStub(fn: ts.SignatureDeclaration): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  return !!body && (ts.isBlock(body) ? body.statements.length === 0 : isNothing(body));
}

/** `config.ssl.x = …`, `tlsOptions.x = …`: an assignment into an object kept under a TLS options name. */
function writesIntoTlsOptions(target: ts.Expression): boolean {
  const chain = accessChain(target);
  if (!chain) return false;
  const holders = [ts.isIdentifier(chain.root) ? chain.root.text : 'this', ...chain.names.slice(0, -1)];
  return holders.some((name) => TLS_CLIENT_CONTAINERS.includes(name) || /ssl|tls/i.test(name));
}

function isNothing(expression: ts.Expression): boolean {
  const node = ts.isParenthesizedExpression(expression) ? expression.expression : expression;
  return (
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === 'undefined') ||
    ts.isVoidExpression(node)
  );
}
