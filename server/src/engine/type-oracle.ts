import { ts } from './typescript';
import { moduleExtensionOf, type SourceProject } from './project';

/**
 * The type checker, used only where syntax cannot tell: an argument whose value the resolver
 * could not follow, but whose declared type is a literal or a union of literals
 * (`alg: 'md5' | 'sha256'`, `interface Config { cipher: 'des-ede3-cbc' }`).
 *
 * The program is built lazily, once per analysed file, over the very SourceFile objects the
 * resolver already parsed, with no default library and no `node_modules`: only the project's
 * own files, so it costs a bind and the few type queries asked, never a whole-program check.
 */
export class TypeOracle {
  private program: ts.Program | undefined;
  private checker: ts.TypeChecker | undefined;

  constructor(
    private readonly project: SourceProject,
    private readonly root: ts.SourceFile,
  ) {}

  /** String and number literals the expression's type allows; empty when the type is wider. */
  literalValues(expression: ts.Expression): Array<string | number> {
    if (expression.getSourceFile().isDeclarationFile) return [];
    const checker = this.getChecker();
    if (!checker) return [];
    let type: ts.Type;
    try {
      type = checker.getTypeAtLocation(expression);
    } catch {
      return [];
    }
    const parts = type.isUnion() ? type.types : [type];
    const values: Array<string | number> = [];
    for (const part of parts) {
      if (part.isStringLiteral() || part.isNumberLiteral()) values.push(part.value);
      else return []; // a union with `string` (or anything wider) tells nothing
    }
    return values;
  }

  /** True when the declared type is `string` or string literals only (`secret: string`). */
  isStringTyped(expression: ts.Expression): boolean {
    if (expression.getSourceFile().isDeclarationFile) return false;
    const checker = this.getChecker();
    if (!checker) return false;
    try {
      const type = checker.getTypeAtLocation(expression);
      return (type.isUnion() ? type.types : [type]).every((part) => (part.flags & ts.TypeFlags.StringLike) !== 0);
    } catch {
      return false;
    }
  }

  private getChecker(): ts.TypeChecker | undefined {
    if (this.checker) return this.checker;
    const options: ts.CompilerOptions = { noLib: true, allowJs: true, checkJs: false, noResolve: false, types: [], target: ts.ScriptTarget.Latest, skipLibCheck: true };
    const project = this.project;
    const root = this.root;
    const host: ts.CompilerHost = {
      getSourceFile: (fileName) => (fileName === root.fileName ? root : project.getSourceFile(fileName)),
      getDefaultLibFileName: () => 'lib.d.ts',
      writeFile: () => undefined,
      getCurrentDirectory: () => '/',
      getCanonicalFileName: (f) => f,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
      fileExists: (f) => f === root.fileName || project.hasFile(f),
      readFile: (f) => project.readText(f),
      resolveModuleNames: (names, containingFile) =>
        names.map((name) => {
          const resolved = project.resolveRelativeModule(containingFile, name);
          return resolved ? { resolvedFileName: resolved, extension: moduleExtensionOf(resolved), isExternalLibraryImport: false } : undefined;
        }),
    };
    try {
      this.program = ts.createProgram({ rootNames: [root.fileName], options, host });
      this.checker = this.program.getTypeChecker();
    } catch {
      return undefined;
    }
    return this.checker;
  }
}
