import type { RuleCases } from '../../server/src/engine/rule';

const ELB = `import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';\n`;
const OPENSEARCH = `import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';\n`;

export const cases: RuleCases = {
  valid: [
    { name: 'a FIPS load balancer policy', code: `${ELB}lb.addListener('https', { port: 443, certificates: [cert], sslPolicy: elbv2.SslPolicy.FIPS_TLS13_12_RES });` },
    { name: 'an OpenSearch domain with the TLS 1.2 policy', code: `${OPENSEARCH}new opensearch.Domain(this, 'Search', { version, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2, enforceHttps: true });` },
    { name: 'CloudFront at TLS 1.2', code: `import { aws_cloudfront as cloudfront } from 'aws-cdk-lib';\nnew cloudfront.Distribution(this, 'Cdn', { defaultBehavior, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 });` },
    { name: 'an API Gateway domain at TLS 1.2', code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';\nnew apigw.DomainName(this, 'Api', { domainName, certificate, securityPolicy: apigw.SecurityPolicy.TLS_1_2 });` },
    { name: 'domain props built elsewhere are not judged as missing the policy', code: `${OPENSEARCH}new opensearch.Domain(this, 'Search', props);` },
    { name: 'a securityPolicy of another kind', code: `const settings = { securityPolicy: 'strict' };` },
  ],
  invalid: [
    {
      name: "the CDK's RECOMMENDED policy is ELBSecurityPolicy-2016-08, which accepts TLS 1.0",
      code: `${ELB}lb.addListener('https', { port: 443, certificates: [cert], sslPolicy: elbv2.SslPolicy.RECOMMENDED });`,
      errors: [{ line: 2, text: 'sslPolicy: elbv2.SslPolicy.RECOMMENDED', severity: 'error', message: 'TLS 1.0' }],
      output: `${ELB}lb.addListener('https', { port: 443, certificates: [cert], sslPolicy: elbv2.SslPolicy.FIPS_TLS13_12_RES });`,
    },
    {
      name: 'a TLS 1.2 policy outside the FIPS module: not validated (warning)',
      code: `import { aws_elasticloadbalancingv2 as elbv2, aws_ecs_patterns as patterns } from 'aws-cdk-lib';\nnew patterns.ApplicationLoadBalancedFargateService(this, 'Web', { taskImageOptions, sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS });`,
      errors: [{ line: 2, text: 'sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS', severity: 'warning', message: 'FIPS 140-3 validated module' }],
      output: `import { aws_elasticloadbalancingv2 as elbv2, aws_ecs_patterns as patterns } from 'aws-cdk-lib';\nnew patterns.ApplicationLoadBalancedFargateService(this, 'Web', { taskImageOptions, sslPolicy: elbv2.SslPolicy.FIPS_TLS13_12_RES });`,
    },
    {
      name: 'an L1 listener with the policy name as a string (CDK v1 import)',
      code: `import * as elbv2 from '@aws-cdk/aws-elasticloadbalancingv2';\nnew elbv2.CfnListener(this, 'L', { loadBalancerArn, port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS-1-1-2017-01' });`,
      errors: [{ line: 2, text: "'ELBSecurityPolicy-TLS-1-1-2017-01'", message: 'TLS 1.1' }],
      output: `import * as elbv2 from '@aws-cdk/aws-elasticloadbalancingv2';\nnew elbv2.CfnListener(this, 'L', { loadBalancerArn, port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04' });`,
    },
    {
      name: 'an OpenSearch domain on TLS 1.0',
      code: `${OPENSEARCH}new opensearch.Domain(this, 'Search', { version, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_0 });`,
      errors: [{ line: 2, text: 'tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_0', message: 'TLS 1.0' }],
      output: `${OPENSEARCH}new opensearch.Domain(this, 'Search', { version, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2 });`,
    },
    {
      name: "an OpenSearch domain that names no policy gets the service's TLS 1.0 default",
      code: `${OPENSEARCH}new opensearch.Domain(this, 'Search', { version, enforceHttps: true });`,
      errors: [{ line: 2, text: 'opensearch.Domain', message: 'without tlsSecurityPolicy' }],
      output: `${OPENSEARCH}new opensearch.Domain(this, 'Search', { version, enforceHttps: true, tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2 });`,
    },
    {
      name: 'an L1 OpenSearch domain with the policy name',
      code: `import { aws_opensearchservice as os } from 'aws-cdk-lib';\nnew os.CfnDomain(this, 'D', { domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' } });`,
      errors: [{ line: 2, text: "'Policy-Min-TLS-1-0-2019-07'" }],
      output: `import { aws_opensearchservice as os } from 'aws-cdk-lib';\nnew os.CfnDomain(this, 'D', { domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' } });`,
    },
    {
      name: 'an API Gateway custom domain on TLS 1.0',
      code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';\napi.addDomainName('Domain', { domainName, certificate, securityPolicy: apigw.SecurityPolicy.TLS_1_0 });`,
      errors: [{ line: 2, text: 'securityPolicy: apigw.SecurityPolicy.TLS_1_0' }],
      output: `import * as apigw from 'aws-cdk-lib/aws-apigateway';\napi.addDomainName('Domain', { domainName, certificate, securityPolicy: apigw.SecurityPolicy.TLS_1_2 });`,
    },
    {
      name: 'CloudFront viewer certificate on TLS 1.0 (2016)',
      code: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';\nconst viewerCertificate = cloudfront.ViewerCertificate.fromAcmCertificate(cert, { securityPolicy: cloudfront.SecurityPolicyProtocol.TLS_V1_2016 });`,
      errors: [{ line: 2, text: 'securityPolicy: cloudfront.SecurityPolicyProtocol.TLS_V1_2016', message: 'TLS 1.0' }],
      output: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';\nconst viewerCertificate = cloudfront.ViewerCertificate.fromAcmCertificate(cert, { securityPolicy: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 });`,
    },
    {
      name: 'a policy chosen in a constant',
      code: `${ELB}const POLICY = elbv2.SslPolicy.TLS11;\nnew elbv2.ApplicationListener(this, 'L', { loadBalancer, port: 443, sslPolicy: POLICY });`,
      errors: [{ line: 3, text: 'sslPolicy: POLICY', message: 'TLS 1.1' }],
      output: null,
    },
  ],
};
