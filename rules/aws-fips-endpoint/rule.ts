import { ts } from '../../server/src/engine/typescript';
import { describe, literalWithout } from '../../server/src/engine/checks';
import { insertProperty } from '../../server/src/engine/fixes';
import { defineRule, type CallSite, type FixDescriptor } from '../../server/src/engine/rule';

/**
 * AWS SDK v3 clients that do not ask for the FIPS endpoint. FedRAMP and GovCloud workloads must
 * send AWS API calls to the `*-fips` endpoints, whose TLS terminates in a FIPS 140-3 validated
 * module. Off by default: the SDK also takes the choice from `AWS_USE_FIPS_ENDPOINT` and the
 * shared config file (`use_fips_endpoint`), which a deployment may set instead of the code.
 */

const WHY =
  'the client sends its requests to the standard endpoint, whose TLS is not terminated in a FIPS 140-3 validated module; FedRAMP and GovCloud workloads use the FIPS endpoints (unless AWS_USE_FIPS_ENDPOINT=true or use_fips_endpoint is set where it runs)';

export default defineRule({
  meta: {
    id: 'aws-fips-endpoint',
    category: 'tls',
    description: 'AWS SDK v3 clients created without useFipsEndpoint: true (off by default; for FedRAMP and GovCloud teams)',
    reference: '§0.3 (validated modules); AWS FIPS endpoints are not in the internal reference',
    standards: ['FIPS 140-3 / ISO/IEC 19790 §7.2', 'FedRAMP SC-8, SC-13'],
    fix: 'suggestion',
    offByDefault: true,
    apis: ['@aws-sdk/client.Client'],
  },
  create(context) {
    const check = (site: CallSite) => {
      const config = site.argument('config');
      const client = site.node.expression.getText(site.sourceFile);
      if (!config) {
        const args = site.node.arguments;
        const open = args ? args.pos : undefined;
        const fix: FixDescriptor | undefined =
          args && args.length === 0 && open !== undefined && ts.isNewExpression(site.node)
            ? { title: 'Use the FIPS endpoint (useFipsEndpoint: true; fails where the service has none in the region)', safety: 'suggestion', edits: [{ file: site.sourceFile.fileName, start: open, end: open, newText: '{ useFipsEndpoint: true }' }] }
            : undefined;
        return report(site.node.expression, `${client} is created without useFipsEndpoint`, fix);
      }
      const hits = context.properties(config, 'useFipsEndpoint');
      if (hits.length === 0) {
        // Configuration built elsewhere (a spread, a parameter) may set it.
        const literal = literalWithout(config, 'useFipsEndpoint');
        if (!literal) return;
        const edit = insertProperty(literal, 'useFipsEndpoint: true', site.sourceFile);
        return report(site.node.expression, `${client} is created without useFipsEndpoint`, edit && { title: 'Use the FIPS endpoint (useFipsEndpoint: true; fails where the service has none in the region)', safety: 'suggestion', edits: [edit] });
      }
      for (const hit of hits) {
        for (const value of context.valuesOf(hit)) {
          if (value.kind === 'boolean' && !value.value) report(hit.property, `${client} is created with useFipsEndpoint: false`, undefined);
        }
      }
    };
    return { calls: { '@aws-sdk/client.Client': check } };

    function report(at: ts.Node, what: string, fix: FixDescriptor | undefined) {
      context.report({ site: at, status: 'NV', message: describe(what, WHY, 'Pass useFipsEndpoint: true (with a region that has FIPS endpoints).'), fixes: [fix] });
    }
  },
});
