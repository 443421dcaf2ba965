import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { PROJECT_URL, SUPPRESSION_ID, ruleDocsUrl, type Finding, type Fix, type Severity, type SourceSpan, type UnresolvedSite } from '../engine';

/** Translation between engine findings (offsets, file paths) and LSP shapes (positions, URIs). */

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function docsUrl(ruleId: string): string {
  return ruleId === SUPPRESSION_ID ? `${PROJECT_URL}#suppressing-a-finding` : ruleDocsUrl(ruleId);
}

/** A span of the open document uses the document's own text; other files use the engine's line/column. */
function rangeOf(span: SourceSpan, document: TextDocument | undefined) {
  if (document) return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
  return { start: { line: span.line - 1, character: span.column - 1 }, end: { line: span.endLine - 1, character: span.endColumn - 1 } };
}

/**
 * The finding as an LSP diagnostic. Code actions find their finding again by rule, message and
 * range (`data` stays empty), so a finding carried over unchanged from the previous version of
 * the file keeps its diagnostic object.
 */
export function toDiagnostic(finding: Finding, document: TextDocument): Diagnostic {
  return {
    range: rangeOf(finding, document),
    severity: SEVERITY[finding.severity],
    source: 'fipslint',
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({
      location: { uri: URI.fromPath(r.file), range: rangeOf(r, r.file === finding.file ? document : undefined) },
      message: r.message,
    })),
  };
}

/** The diagnostic code of unresolved sites (`fipslint.reportUnresolved`). */
export const UNRESOLVED_CODE = 'fipslint-unresolved';

/** An unresolved site as a Hint: a value the linter could not see, to review, never a problem. */
export function unresolvedDiagnostic(site: UnresolvedSite, document: TextDocument): Diagnostic {
  return {
    range: rangeOf(site, document),
    severity: DiagnosticSeverity.Hint,
    source: 'fipslint',
    code: UNRESOLVED_CODE,
    codeDescription: { href: `${PROJECT_URL}#values-known-only-at-run-time` },
    message: `fipslint cannot check the ${site.what} of ${site.api}(): it ${site.reason}. Make sure only approved values reach it.`,
  };
}

export function fixTitle(fix: Fix): string {
  return fix.safety === 'safe' ? fix.title : `${fix.title} — changes behaviour`;
}

