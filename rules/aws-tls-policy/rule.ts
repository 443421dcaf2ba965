import { ts } from '../../server/src/engine/typescript';
import { describe, literalWithout } from '../../server/src/engine/checks';
import { insertProperty, preferredQuote, replaceNode, replaceValue } from '../../server/src/engine/fixes';
import { AWS_SERVICES, AWS_UNSAFE_DEFAULTS, awsPolicyByMember, awsPolicyByName, awsPolicyReason, type AwsService, type AwsTlsPolicy } from '../../server/src/engine/policy/aws';
import { statusFor } from '../../server/src/engine/policy/status';
import { skipOuterExpressions, type Value } from '../../server/src/engine/resolve';
import { defineRule, type CallSite, type FixDescriptor, type PropertySite } from '../../server/src/engine/rule';

/**
 * TLS policies of the endpoints AWS CDK code defines: load balancer listeners, OpenSearch and
 * Elasticsearch domains, API Gateway domain names, CloudFront distributions. The policy is a
 * name or an aws-cdk-lib enum member; it is judged wherever it is written, because the property
 * names and enum members say what they are whatever construct receives them.
 */

/** aws-cdk-lib enums (module namespace, enum) → the service whose policies they name. */
const ENUMS: Record<string, AwsService> = {
  'aws_elasticloadbalancingv2.SslPolicy': 'elb',
  'aws_opensearchservice.TLSSecurityPolicy': 'opensearch',
  'aws_elasticsearch.TLSSecurityPolicy': 'opensearch',
  'aws_apigateway.SecurityPolicy': 'apigateway',
  'aws_apigatewayv2.SecurityPolicy': 'apigateway',
  'aws_cloudfront.SecurityPolicyProtocol': 'cloudfront',
};

/** Property names → the service a policy name written as a string belongs to (L1 `Cfn*` props use the same names). */
const PROPERTIES: Record<string, AwsService> = {
  sslPolicy: 'elb',
  tlsSecurityPolicy: 'opensearch',
  securityPolicy: 'apigateway',
  minimumProtocolVersion: 'cloudfront',
};

const DOMAINS = ['aws-cdk-lib.aws_opensearchservice.Domain', 'aws-cdk-lib.aws_elasticsearch.Domain'];

export default defineRule({
  meta: {
    id: 'aws-tls-policy',
    category: 'tls',
    description: 'AWS CDK endpoints whose TLS policy accepts TLS 1.0/1.1 or, for load balancers, runs outside the FIPS module; OpenSearch domains that leave the TLS 1.0 default',
    reference: 'SP 800-52 Rev 2 §3.1; AWS security policies (not in the internal reference)',
    standards: ['SP 800-52 Rev 2 §3.1', 'FIPS 140-3 / ISO/IEC 19790 §7.2', 'FedRAMP SC-8, SC-13'],
    fix: 'suggestion',
    judgesAlgorithm: true,
    apis: [...Object.keys(PROPERTIES).map((name) => `property:${name}`), ...DOMAINS],
  },
  create(context) {
    const report = (policy: AwsTlsPolicy, at: ts.Node, fix: FixDescriptor | undefined, value?: Value) => {
      const status = statusFor(policy.status, context.policy('apply', 'tls'));
      if (status === 'OK') return;
      const service = AWS_SERVICES[policy.service];
      const spelled = policy.member ? `${service.enumName}.${policy.member} ('${policy.name}')` : `'${policy.name}'`;
      context.report({
        value,
        site: at,
        status,
        message: describe(`${service.display}: TLS policy ${spelled}`, awsPolicyReason(policy), `Use ${service.enumName}.${service.replacementMember} ('${service.replacementName}').`),
        fixes: [fix],
      });
    };

    const fixTitle = (service: AwsService) => {
      const { replacementMember, replacementName } = AWS_SERVICES[service];
      return `Use ${replacementMember} ('${replacementName}'; clients that cannot do TLS 1.2 with its suites are refused)`;
    };

    const properties: Record<string, (site: PropertySite) => void> = {};
    for (const [name, byName] of Object.entries(PROPERTIES)) {
      properties[name] = (site) => {
        const written = skipOuterExpressions(site.value) as ts.Expression;
        const api = context.resolver.resolveApi(written);
        if (api && api[0] === 'aws-cdk-lib' && api.length === 4) {
          const service = ENUMS[`${api[1]}.${api[2]}`];
          const policy = service && awsPolicyByMember(service, api[3]);
          if (!policy) return;
          // `elbv2.SslPolicy.TLS11` written here: the member is replaced, the qualifier kept.
          const fix =
            site.sourceFile === context.sourceFile && ts.isPropertyAccessExpression(written) && written.name.text === api[3]
              ? { title: fixTitle(service), safety: 'suggestion' as const, edits: [replaceNode({ node: written.name, sourceFile: site.sourceFile }, AWS_SERVICES[service].replacementMember)] }
              : undefined;
          report(policy, site.node, fix);
          return;
        }
        for (const value of context.resolver.values(site.value)) {
          if (value.kind !== 'string') continue;
          const policy = awsPolicyByName(byName, value.value);
          if (!policy) continue;
          const quote = preferredQuote(value.origin.sourceFile);
          const fix = ts.isStringLiteralLike(value.origin.node) ? { title: fixTitle(byName), safety: 'suggestion' as const, edits: [replaceValue(value, `${quote}${AWS_SERVICES[byName].replacementName}${quote}`)] } : undefined;
          report(policy, site.node, fix, value);
        }
      };
    }

    // An OpenSearch domain that names no policy gets the service's TLS 1.0 default.
    const domain = (site: CallSite) => {
      const props = site.argument('props');
      const literal = props && literalWithout(props, 'tlsSecurityPolicy');
      if (!literal) return;
      const policy = awsPolicyByName('opensearch', AWS_UNSAFE_DEFAULTS.opensearch!)!;
      const callee = site.node.expression;
      const namespace = ts.isPropertyAccessExpression(callee) ? callee.expression.getText(site.sourceFile) : undefined;
      const fix: FixDescriptor | undefined = namespace
        ? { title: `Add tlsSecurityPolicy: ${namespace}.TLSSecurityPolicy.TLS_1_2 (clients without TLS 1.2 are refused)`, safety: 'suggestion', edits: [insertProperty(literal, `tlsSecurityPolicy: ${namespace}.TLSSecurityPolicy.TLS_1_2`, site.sourceFile)] }
        : undefined;
      const status = statusFor(policy.status, context.policy('apply', 'tls'));
      context.report({
        site: callee,
        status,
        message: describe(
          'OpenSearch domain without tlsSecurityPolicy',
          `the service then applies '${policy.name}', which ${awsPolicyReason(policy).replace(/^it /, '')}`,
          "Set tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2 ('Policy-Min-TLS-1-2-2019-07').",
        ),
        fixes: [fix],
      });
    };
    return { properties, calls: Object.fromEntries(DOMAINS.map((api) => [api, domain])) };
  },
});
