import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, SourceProject, defaultAnalysisOptions, type Finding, type SourceHost } from '../server/src/engine';
import { applyFixes } from '../server/src/engine/apply-fixes';
import { parseSource } from '../server/src/engine/project';
import type { InvalidRuleCase, RuleCase, RuleCases, RuleModule } from '../server/src/engine/rule';

/** A host with only the case's own file: cases never read the disk. */
function memoryHost(files: Record<string, string>): SourceHost {
  return { readFile: (name) => files[name] };
}

const CASE_DIR = '/cases';

export function lintCase(rule: RuleModule, testCase: RuleCase, code = testCase.code): Finding[] {
  const fileName = `${CASE_DIR}/${testCase.filename ?? 'case.ts'}`;
  const engine = new Engine([rule], new SourceProject(memoryHost({ [fileName]: code })));
  const options = defaultAnalysisOptions({
    profile: testCase.profile ?? 'fips-140-3',
    asOf: testCase.asOf ?? '2026-06-01',
    anticipate131Ar3: !!testCase.anticipate131Ar3,
    ...(testCase.options ? { ruleOptions: { [rule.meta.id]: testCase.options } } : {}),
    // A rule that is off by default is tested turned on, as a configuration file turns it on.
    ...(rule.meta.offByDefault ? { ruleSeverity: { [rule.meta.id]: 'warning' as const } } : {}),
  });
  const result = engine.analyze(fileName, code, options);
  assert.deepEqual(result.ruleFailures, [], 'the rule threw');
  return result.findings;
}

function syntaxErrors(code: string, filename: string): string[] {
  const sourceFile = parseSource(`${CASE_DIR}/${filename}`, code) as unknown as { parseDiagnostics: Array<{ messageText: unknown }> };
  return sourceFile.parseDiagnostics.map((d) => String(d.messageText));
}

function describeFinding(code: string, f: Finding): string {
  return `line ${f.line} "${code.slice(f.start, f.end)}" (${f.severity}): ${f.message}`;
}

/**
 * ESLint's RuleTester, strict form, on node:test: exact positions, exact fixed output, the fixed
 * output must parse and no longer trigger the rule, and no case may appear twice.
 */
export function runRuleCases(rule: RuleModule, cases: RuleCases): void {
  const seen = new Set<string>();
  const key = (c: RuleCase | string) => (typeof c === 'string' ? `${c}|fips-140-3` : `${c.code}|${c.profile ?? 'fips-140-3'}|${c.asOf ?? ''}|${c.anticipate131Ar3 ?? ''}|${c.filename ?? ''}|${JSON.stringify(c.options ?? {})}`);
  describe(rule.meta.id, () => {
    it('has no duplicate cases', () => {
      for (const c of [...cases.valid, ...cases.invalid]) {
        assert.ok(!seen.has(key(c)), `duplicate case: ${typeof c === 'string' ? c : c.code}`);
        seen.add(key(c));
      }
      assert.ok(cases.valid.length > 0 && cases.invalid.length > 0, 'a rule needs valid and invalid cases');
    });
    cases.valid.forEach((raw, index) => {
      const c: RuleCase = typeof raw === 'string' ? { code: raw } : raw;
      it(`valid #${index + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const findings = lintCase(rule, c);
        assert.deepEqual(findings.map((f) => describeFinding(c.code, f)), [], 'expected no findings');
      });
    });
    cases.invalid.forEach((c, index) => {
      it(`invalid #${index + 1}${c.name ? `: ${c.name}` : ''}`, () => checkInvalid(rule, c));
    });
  });
}

function checkInvalid(rule: RuleModule, c: InvalidRuleCase): void {
  const findings = lintCase(rule, c);
  const actual = findings.map((f) => ({ line: f.line, text: c.code.slice(f.start, f.end), severity: f.severity, message: f.message }));
  assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map((f) => describeFinding(c.code, f)).join('\n')}`);
  c.errors.forEach((expected, i) => {
    const got = actual[i];
    assert.equal(got.line, expected.line, `finding ${i + 1}: line`);
    assert.equal(got.text, expected.text, `finding ${i + 1}: range text`);
    if (expected.severity) assert.equal(got.severity, expected.severity, `finding ${i + 1}: severity`);
    if (expected.message) assert.ok(got.message.includes(expected.message), `finding ${i + 1}: message "${got.message}" lacks "${expected.message}"`);
    assert.equal(findings[i].ruleId, rule.meta.id);
    assert.equal(findings[i].category, rule.meta.category);
    for (const fix of findings[i].fixes) {
      assert.ok(fix.title.length > 0, 'fixes need a title');
      if (rule.meta.fix === 'suggestion') assert.equal(fix.safety, 'suggestion', `${rule.meta.id} declares suggestion-only fixes`);
    }
  });
  if (rule.meta.fix === 'none') assert.ok(findings.every((f) => f.fixes.length === 0), 'rule declares no fixes');

  const preferred = findings.map((f) => f.fixes.find((x) => x.preferred)).filter((x): x is NonNullable<typeof x> => !!x);
  if (c.output === null) {
    assert.equal(preferred.length, 0, 'expected no fix');
    return;
  }
  assert.ok(preferred.length > 0, 'expected a fix');
  const fixed = applyFixes(c.code, preferred).text;
  assert.equal(fixed, c.output, 'fixed output');
  assert.deepEqual(syntaxErrors(fixed, c.filename ?? 'case.ts'), [], 'fixed output must parse');
  const after = lintCase(rule, c, fixed);
  const fixedMessages = new Set(findings.filter((f) => f.fixes.some((x) => x.preferred)).map((f) => `${f.line}:${f.message}`));
  const remaining = after.filter((f) => fixedMessages.has(`${f.line}:${f.message}`));
  assert.deepEqual(remaining.map((f) => describeFinding(fixed, f)), [], 'the fix must remove the finding');
}
