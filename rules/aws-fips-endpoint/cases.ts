import type { RuleCases } from '../../server/src/engine/rule';

export const cases: RuleCases = {
  valid: [
    { name: 'a client on the FIPS endpoint', code: `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ region: 'us-gov-west-1', useFipsEndpoint: true });` },
    { name: 'configuration built elsewhere may set it', code: `import { KMSClient } from '@aws-sdk/client-kms';\nexport const make = (config) => new KMSClient(config);` },
  ],
  invalid: [
    {
      name: 'a client without useFipsEndpoint',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const db = new DynamoDBClient({ region: 'us-gov-west-1' });`,
      errors: [{ line: 2, text: 'DynamoDBClient', severity: 'warning', message: 'without useFipsEndpoint' }],
      output: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const db = new DynamoDBClient({ region: 'us-gov-west-1', useFipsEndpoint: true });`,
    },
    {
      name: 'no configuration at all, and an explicit false (CJS)',
      filename: 'case.js',
      code: `const { SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');\nconst a = new SecretsManagerClient();\nconst b = new SecretsManagerClient({ useFipsEndpoint: false });`,
      errors: [
        { line: 2, text: 'SecretsManagerClient' },
        { line: 3, text: 'useFipsEndpoint: false' },
      ],
      output: `const { SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');\nconst a = new SecretsManagerClient({ useFipsEndpoint: true });\nconst b = new SecretsManagerClient({ useFipsEndpoint: false });`,
    },
  ],
};
