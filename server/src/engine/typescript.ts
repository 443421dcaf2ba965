import { ts as compiler } from 'ts-morph';

/**
 * The TypeScript compiler API (6.0, bundled by ts-morph), bound once. Engine and rules import
 * `ts` from here, not from 'ts-morph': in the esbuild bundle a CommonJS module's exports are
 * getters, and `ts.isIdentifier(...)` on every node of every file then paid a getter call each
 * time (a third of the language server's time on a 5,000-line file).
 */
export import ts = compiler;
