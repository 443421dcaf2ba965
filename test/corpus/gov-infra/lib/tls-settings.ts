// Shared TLS choices for the stacks.
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

export const LISTENER_POLICY = elbv2.SslPolicy.TLS11;
