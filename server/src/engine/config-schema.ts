import type { RuleModule, RuleOptionSpec } from './rule';
import { SUPPRESSION_ID } from './suppressions';
import { PROFILE_IDS } from './types';

/**
 * The JSON Schema of `fipslint.config.json`, built from the rules so that completion lists every
 * rule id and its options. `schemas/fipslint.config.schema.json` is this, written out
 * (`npm run schema`); a test keeps the two equal. The engine's own check (`parseConfig`) is what
 * decides; the schema gives the editor completion and squiggles while typing.
 */
export function configSchema(rules: readonly RuleModule[]): Record<string, unknown> {
  const severity = { enum: ['error', 'warning', 'info', 'off'] };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const options = rule.meta.options;
    const optionsSchema = options
      ? { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, optionSchema(spec)])) }
      : undefined;
    ruleProperties[rule.meta.id] = {
      description: `${rule.meta.description} (${rule.meta.category})`,
      oneOf: [
        severity,
        { type: 'array', items: optionsSchema ? [severity, optionsSchema] : [severity], minItems: 1, maxItems: optionsSchema ? 2 : 1 },
      ],
    };
  }
  ruleProperties[SUPPRESSION_ID] = { description: 'Problems with fipslint-disable comments themselves (no reason, expired, unused).', oneOf: [severity, { type: 'array', items: [severity], minItems: 1, maxItems: 1 }] };
  const layer = {
    profile: { description: 'The policy profile findings are judged against.', enum: [...PROFILE_IDS] },
    asOf: { description: 'Date (YYYY-MM-DD) at which dated transitions are evaluated; default: today.', type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    anticipate131Ar3: { description: 'Also apply the draft SP 800-131A Rev 3 (ECB encryption, SHA-1 and 224-bit hashes after 2030).', type: 'boolean' },
    nvSeverity: { description: 'Severity of status NV: an approved algorithm computed by a library that is not a validated module. Default: warning.', ...severity },
    testFindings: { description: 'Findings in test code (see "tests"): report them as usual (default), lower them to info, or leave them out. The summary counts them apart either way.', enum: ['report', 'info', 'off'] },
    rules: { description: 'Severity per rule (error, warning, info, off), or [severity, options].', type: 'object', additionalProperties: false, properties: ruleProperties },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/fipslint/fipslint/blob/main/schemas/fipslint.config.schema.json',
    title: 'fipslint configuration',
    description: 'fipslint.config.json: the profile, dates, rule severities and options, excluded files and per-path overrides shared by the CLI, the language server and CI.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      ...layer,
      exclude: { description: 'Files not to lint: globs in gitignore syntax, relative to this file.', type: 'array', items: { type: 'string' } },
      tests: {
        description: 'Which files are test code, whose findings are counted apart (see "testFindings"): globs in gitignore syntax, relative to this file. Default: **/test/**, **/tests/**, **/__tests__/**, **/*.test.*, **/*.spec.*, **/e2e/**, **/fixtures/**.',
        type: 'array',
        items: { type: 'string' },
      },
      overrides: {
        description: 'Settings for some paths (for example tests/ at warning), applied in order after the top-level ones.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: { description: 'Globs in gitignore syntax, relative to this file.', type: 'array', items: { type: 'string' }, minItems: 1 }, ...layer },
        },
      },
    },
  };
}

function optionSchema(spec: RuleOptionSpec): Record<string, unknown> {
  if (spec.type === 'string-array') return { description: spec.description, type: 'array', items: { type: 'string' } };
  return { description: spec.description, type: spec.type };
}
