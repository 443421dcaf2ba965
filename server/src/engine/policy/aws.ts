import { everyProfile, type ProfileStatus } from './status';

/**
 * TLS policies of AWS endpoints that infrastructure code defines (AWS CDK, CloudFormation through
 * CDK's L1 constructs): the lowest protocol version each policy accepts decides it (SP 800-52
 * Rev 2 §3.1: TLS 1.2 at least), and for load balancers whether the policy runs on AWS's FIPS
 * 140-3 validated module. Names and enum members as aws-cdk-lib 2.x declares them
 * (`SslPolicy`, `TLSSecurityPolicy`, `SecurityPolicy`, `SecurityPolicyProtocol`); what each
 * policy accepts as AWS documents it (Elastic Load Balancing "Security policies", OpenSearch
 * "Domain endpoint options", API Gateway "Choose a security policy", CloudFront "Supported
 * protocols and ciphers between viewers and CloudFront").
 */

export type AwsService = 'elb' | 'opensearch' | 'apigateway' | 'cloudfront';

export interface AwsTlsPolicy {
  service: AwsService;
  /** The policy name the service knows. */
  name: string;
  /** The aws-cdk-lib enum member that stands for it, when there is one. */
  member?: string;
  /** Lowest protocol version accepted. */
  minTls: 'SSLv3' | '1.0' | '1.1' | '1.2' | '1.3';
  /** Load balancer policies: served by AWS's FIPS 140-3 validated module. */
  fips?: boolean;
  status: ProfileStatus;
}

export const AWS_SERVICES: Record<AwsService, { display: string; enumName: string; module: string; replacementMember: string; replacementName: string; property: string }> = {
  elb: {
    display: 'Elastic Load Balancing (ALB and NLB listeners)',
    enumName: 'SslPolicy',
    module: 'aws_elasticloadbalancingv2',
    replacementMember: 'FIPS_TLS13_12_RES',
    replacementName: 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
    property: 'sslPolicy',
  },
  opensearch: {
    display: 'OpenSearch Service and Elasticsearch domains',
    enumName: 'TLSSecurityPolicy',
    module: 'aws_opensearchservice',
    replacementMember: 'TLS_1_2',
    replacementName: 'Policy-Min-TLS-1-2-2019-07',
    property: 'tlsSecurityPolicy',
  },
  apigateway: {
    display: 'API Gateway custom domain names',
    enumName: 'SecurityPolicy',
    module: 'aws_apigateway',
    replacementMember: 'TLS_1_2',
    replacementName: 'TLS_1_2',
    property: 'securityPolicy',
  },
  cloudfront: {
    display: 'CloudFront viewer certificates',
    enumName: 'SecurityPolicyProtocol',
    module: 'aws_cloudfront',
    replacementMember: 'TLS_V1_2_2021',
    replacementName: 'TLSv1.2_2021',
    property: 'minimumProtocolVersion',
  },
};

function judged(minTls: AwsTlsPolicy['minTls'], fips: boolean | undefined): ProfileStatus {
  if (minTls === 'SSLv3' || minTls === '1.0' || minTls === '1.1') return everyProfile('NO');
  // A load balancer policy without FIPS in its name negotiates approved suites (and ChaCha20 under
  // TLS 1.3) outside the validated module.
  return fips === false ? everyProfile('NV') : everyProfile('OK');
}

const elb = (name: string, member: string | undefined, minTls: AwsTlsPolicy['minTls'], fips: boolean): AwsTlsPolicy => ({ service: 'elb', name, member, minTls, fips, status: judged(minTls, fips) });
const other = (service: Exclude<AwsService, 'elb'>, name: string, member: string | undefined, minTls: AwsTlsPolicy['minTls']): AwsTlsPolicy => ({ service, name, member, minTls, status: judged(minTls, undefined) });

export const AWS_TLS_POLICIES: readonly AwsTlsPolicy[] = [
  elb('ELBSecurityPolicy-TLS13-1-2-2021-06', 'RECOMMENDED_TLS', '1.2', false),
  elb('ELBSecurityPolicy-TLS13-1-2-PQ-2025-09', 'RECOMMENDED_TLS_PQ', '1.2', false),
  elb('ELBSecurityPolicy-2016-08', 'RECOMMENDED', '1.0', false),
  elb('ELBSecurityPolicy-TLS13-1-2-Res-2021-06', 'TLS13_RES', '1.2', false),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06', 'TLS13_EXT1', '1.2', false),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06', 'TLS13_EXT2', '1.2', false),
  elb('ELBSecurityPolicy-TLS13-1-0-2021-06', 'TLS13_10', '1.0', false),
  elb('ELBSecurityPolicy-TLS13-1-1-2021-06', 'TLS13_11', '1.1', false),
  elb('ELBSecurityPolicy-TLS13-1-3-2021-06', 'TLS13_13', '1.3', false),
  elb('ELBSecurityPolicy-TLS13-1-3-PQ-2025-09', 'TLS13_13_PQ', '1.3', false),
  elb('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', 'TLS13_12_RES_PQ', '1.2', false),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09', 'TLS13_12_EXT1_PQ', '1.2', false),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09', 'TLS13_12_EXT2_PQ', '1.2', false),
  elb('ELBSecurityPolicy-TLS13-1-0-PQ-2025-09', 'TLS13_10_PQ', '1.0', false),
  elb('ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04', 'FIPS_TLS13_13', '1.3', true),
  elb('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04', 'FIPS_TLS13_12_RES', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04', 'FIPS_TLS13_12', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04', 'FIPS_TLS13_12_EXT0', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04', 'FIPS_TLS13_12_EXT1', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04', 'FIPS_TLS13_12_EXT2', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04', 'FIPS_TLS13_11', '1.1', true),
  elb('ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04', 'FIPS_TLS13_10', '1.0', true),
  elb('ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09', 'FIPS_TLS13_13_PQ', '1.3', true),
  elb('ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09', 'FIPS_TLS13_12_PQ', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09', 'FIPS_TLS13_12_RES_PQ', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09', 'FIPS_TLS13_12_EXT0_PQ', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09', 'FIPS_TLS13_12_EXT1_PQ', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09', 'FIPS_TLS13_12_EXT2_PQ', '1.2', true),
  elb('ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09', 'FIPS_TLS13_11_PQ', '1.1', true),
  elb('ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09', 'FIPS_TLS13_10_PQ', '1.0', true),
  elb('ELBSecurityPolicy-FS-1-2-Res-2020-10', 'FORWARD_SECRECY_TLS12_RES_GCM', '1.2', false),
  elb('ELBSecurityPolicy-FS-1-2-Res-2019-08', 'FORWARD_SECRECY_TLS12_RES', '1.2', false),
  elb('ELBSecurityPolicy-FS-1-2-2019-08', 'FORWARD_SECRECY_TLS12', '1.2', false),
  elb('ELBSecurityPolicy-FS-1-1-2019-08', 'FORWARD_SECRECY_TLS11', '1.1', false),
  elb('ELBSecurityPolicy-FS-2018-06', 'FORWARD_SECRECY', '1.0', false),
  elb('ELBSecurityPolicy-TLS-1-2-2017-01', 'TLS12', '1.2', false),
  elb('ELBSecurityPolicy-TLS-1-2-Ext-2018-06', 'TLS12_EXT', '1.2', false),
  elb('ELBSecurityPolicy-TLS-1-1-2017-01', 'TLS11', '1.1', false),
  elb('ELBSecurityPolicy-TLS-1-0-2015-04', 'LEGACY', '1.0', false),
  other('opensearch', 'Policy-Min-TLS-1-0-2019-07', 'TLS_1_0', '1.0'),
  other('opensearch', 'Policy-Min-TLS-1-2-2019-07', 'TLS_1_2', '1.2'),
  other('opensearch', 'Policy-Min-TLS-1-2-PFS-2023-10', 'TLS_1_2_PFS', '1.2'),
  other('apigateway', 'TLS_1_0', 'TLS_1_0', '1.0'),
  other('apigateway', 'TLS_1_2', 'TLS_1_2', '1.2'),
  other('cloudfront', 'SSLv3', 'SSL_V3', 'SSLv3'),
  other('cloudfront', 'TLSv1', 'TLS_V1', '1.0'),
  other('cloudfront', 'TLSv1_2016', 'TLS_V1_2016', '1.0'),
  other('cloudfront', 'TLSv1.1_2016', 'TLS_V1_1_2016', '1.1'),
  other('cloudfront', 'TLSv1.2_2018', 'TLS_V1_2_2018', '1.2'),
  other('cloudfront', 'TLSv1.2_2019', 'TLS_V1_2_2019', '1.2'),
  other('cloudfront', 'TLSv1.2_2021', 'TLS_V1_2_2021', '1.2'),
  other('cloudfront', 'TLSv1.2_2025', 'TLS_V1_2_2025', '1.2'),
  other('cloudfront', 'TLSv1.3_2025', 'TLS_V1_3_2025', '1.3'),
];

/** The default a service applies when the construct names no policy, where that default is not approved. */
export const AWS_UNSAFE_DEFAULTS: Partial<Record<AwsService, string>> = {
  // OpenSearch Service: "Policy-Min-TLS-1-0-2019-07" unless the domain says otherwise.
  opensearch: 'Policy-Min-TLS-1-0-2019-07',
};

export function awsPolicyByName(service: AwsService, name: string): AwsTlsPolicy | undefined {
  return AWS_TLS_POLICIES.find((p) => p.service === service && p.name === name);
}

export function awsPolicyByMember(service: AwsService, member: string): AwsTlsPolicy | undefined {
  return AWS_TLS_POLICIES.find((p) => p.service === service && p.member === member);
}

/** Why a policy has its status, for messages and the policy page. */
export function awsPolicyReason(policy: AwsTlsPolicy): string {
  if (policy.minTls === 'SSLv3' || policy.minTls === '1.0' || policy.minTls === '1.1') {
    return `it accepts ${policy.minTls === 'SSLv3' ? 'SSL 3.0' : `TLS ${policy.minTls}`}, while SP 800-52 Rev 2 §3.1 requires TLS 1.2 at least`;
  }
  if (policy.fips === false) {
    return `its TLS runs outside AWS's FIPS 140-3 validated module (only the ELBSecurityPolicy-…-FIPS-… policies use it)${policy.name.includes('TLS13') ? ' and it offers ChaCha20-Poly1305 under TLS 1.3' : ''}`;
  }
  return `TLS ${policy.minTls} and later${policy.fips ? ' on a FIPS 140-3 validated module' : ''}`;
}
