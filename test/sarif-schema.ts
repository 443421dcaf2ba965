import * as assert from 'node:assert/strict';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** SARIF 2.1.0 by its schema (draft-04, which only Ajv 6 reads: the copy jest-sarif brings). */
export function assertValidSarif(sarif: unknown): void {
  const paths = [path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif')];
  const Ajv = require(require.resolve('ajv', { paths }));
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(require(require.resolve('ajv/lib/refs/json-schema-draft-04.json', { paths })));
  const schema = require(path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'));
  assert.ok(ajv.validate(schema, sarif), JSON.stringify(ajv.errors, null, 2));
}
