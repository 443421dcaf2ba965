import type { ts } from '../typescript';

/**
 * The resolver's vocabulary: API paths, values and where they are written. Plain data over
 * TypeScript nodes; nothing here computes.
 */

/** `['crypto', 'createHash']`; a project module is `['#module', absolutePath]`. */
export type ApiPath = string[];

export interface Origin {
  sourceFile: ts.SourceFile;
  node: ts.Node;
}

interface ValueBase {
  /** Where the value is written (the literal, the object literal, the function). */
  origin: Origin;
  /** Declarations passed through on the way (`const ALG = ...`, a default parameter), outermost first. */
  via: Origin[];
  /** Known only from a declared literal type, not from code: there is no literal to fix. */
  fromType?: boolean;
}

export type Value =
  | (ValueBase & { kind: 'string'; value: string })
  | (ValueBase & { kind: 'number'; value: number; constantName?: string })
  | (ValueBase & { kind: 'boolean'; value: boolean })
  | (ValueBase & { kind: 'nullish' })
  | (ValueBase & { kind: 'object'; members: ObjectMember[] })
  | (ValueBase & { kind: 'array'; elements: ts.Expression[] })
  | (ValueBase & { kind: 'function'; node: ts.SignatureDeclaration })
  | (ValueBase & { kind: 'bytes'; length: number; random: boolean });

export type StringValue = Extract<Value, { kind: 'string' }>;
export type NumberValue = Extract<Value, { kind: 'number' }>;
export type ObjectValue = Extract<Value, { kind: 'object' }>;

export type ObjectMember =
  | { kind: 'property'; name: string; node: ts.Node; value: ts.Expression | undefined; sourceFile: ts.SourceFile }
  | { kind: 'spread'; expression: ts.Expression; sourceFile: ts.SourceFile }
  /** Every export of a project module (`import * as config from './config'`, `require('./config')`). */
  | { kind: 'module'; fileName: string };

/** A property found in an object value, with where it is written. */
export interface PropertyHit {
  /** The `name: value` node (or the shorthand / enum member). */
  property: ts.Node;
  value: ts.Expression | undefined;
  sourceFile: ts.SourceFile;
  via: Origin[];
  /** The outermost spread (`...defaults`) the property came through, if any. */
  entry?: ts.Node;
}

/** What a name is bound to, by lexical scope (see `scopes.ts`). */
export type Declaration =
  | { kind: 'variable'; node: ts.VariableDeclaration; path: string[]; isConst: boolean; name: ts.Identifier }
  | { kind: 'parameter'; node: ts.ParameterDeclaration; path: string[]; name: ts.Identifier; element?: ts.BindingElement }
  | { kind: 'import'; module: string; exportName: string; node: ts.Node }
  | { kind: 'function'; node: ts.FunctionDeclaration }
  | { kind: 'class'; node: ts.ClassDeclaration }
  | { kind: 'enum'; node: ts.EnumDeclaration }
  | { kind: 'opaque'; node: ts.Node };

/** What a module exports under a name: an expression, another API, or a declaration. */
export type ExportTarget = { kind: 'expression'; expression: ts.Expression; sourceFile: ts.SourceFile } | { kind: 'api'; path: ApiPath } | { kind: 'declaration'; declaration: Declaration; sourceFile: ts.SourceFile };
