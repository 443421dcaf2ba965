// A GovCloud web tier: load balancers, a search domain, an API domain and a CDN, defined with AWS CDK.
// `// expect: <rule>` marks findings.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { LISTENER_POLICY } from './tls-settings';

export interface NetworkStackProps extends StackProps {
  domainName: string;
  certificateArn: string;
}

export class NetworkStack extends Stack {
  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const certificate = acm.Certificate.fromCertificateArn(this, 'Cert', props.certificateArn);

    const publicLb = new elbv2.ApplicationLoadBalancer(this, 'Public', { vpc, internetFacing: true });
    publicLb.addListener('Https', {
      port: 443,
      certificates: [certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED, // expect: aws-tls-policy
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });

    const internalLb = new elbv2.ApplicationLoadBalancer(this, 'Internal', { vpc });
    internalLb.addListener('Https', {
      port: 443,
      certificates: [certificate],
      sslPolicy: elbv2.SslPolicy.FIPS_TLS13_12_RES,
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });

    const partnerLb = new elbv2.NetworkLoadBalancer(this, 'Partner', { vpc, internetFacing: true });
    partnerLb.addListener('Tls', {
      port: 8443,
      certificates: [certificate],
      sslPolicy: LISTENER_POLICY, // expect: aws-tls-policy
      defaultTargetGroups: [],
    });

    new opensearch.Domain(this, 'Search', { // expect: aws-tls-policy
      version: opensearch.EngineVersion.OPENSEARCH_2_11,
      vpc,
      enforceHttps: true,
      nodeToNodeEncryption: true,
    });

    new opensearch.Domain(this, 'AuditSearch', {
      version: opensearch.EngineVersion.OPENSEARCH_2_11,
      enforceHttps: true,
      tlsSecurityPolicy: opensearch.TLSSecurityPolicy.TLS_1_2,
    });

    const api = new apigw.RestApi(this, 'Api', { deployOptions: { stageName: 'prod' } });
    api.addDomainName('ApiDomain', {
      domainName: `api.${props.domainName}`,
      certificate,
      securityPolicy: apigw.SecurityPolicy.TLS_1_0, // expect: aws-tls-policy
    });

    new cloudfront.CfnDistribution(this, 'Cdn', {
      distributionConfig: {
        enabled: true,
        viewerCertificate: { acmCertificateArn: props.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.1_2016' }, // expect: aws-tls-policy
        defaultCacheBehavior: { targetOriginId: 'web', viewerProtocolPolicy: 'redirect-to-https', defaultTtl: Duration.minutes(5).toSeconds() },
      },
    });
  }
}
