import { ts } from '../typescript';
import type { NumberValue, ObjectMember, Origin, StringValue, Value } from './types';

/**
 * Calls the resolver evaluates itself, because they keep an algorithm name or a byte length
 * recognisable: string methods (`'SHA-' + bits`.toLowerCase(), `['A', 'B'].join(':')`,
 * `'sha512'.replace('512', '256')`), `Object.assign`, and the buffers keys and IVs are made of
 * (`Buffer.alloc(16)`, `Buffer.from(hex, 'hex')`, `crypto.randomBytes(12)`).
 */

/** What the built-in evaluation asks of the resolver. */
export interface BuiltinResolver {
  values(expression: ts.Expression | undefined, depth?: number, via?: Origin[]): Value[];
}

/** `x.toLowerCase()`, `parts.join(':')`, `name.replace('512', '256')` on known strings; undefined when the call is no such method. */
export function stringMethodValues(resolver: BuiltinResolver, node: ts.CallExpression, depth: number, via: Origin[]): Value[] | undefined {
  if (!ts.isPropertyAccessExpression(node.expression)) return undefined;
  const origin = { sourceFile: node.getSourceFile(), node };
  const receiver = node.expression.expression;
  const method = node.expression.name.text;
  const strings = (expression: ts.Expression) => resolver.values(expression, depth + 1, via).filter((v): v is StringValue => v.kind === 'string');
  if (method === 'join') {
    // ['ECDHE-RSA-AES128-GCM-SHA256', 'DES-CBC3-SHA'].join(':')
    const separators = node.arguments.length ? strings(node.arguments[0]) : [];
    const separator = node.arguments.length === 0 ? ',' : separators.length === 1 ? separators[0].value : undefined;
    if (separator === undefined) return [];
    const out: Value[] = [];
    for (const array of resolver.values(receiver, depth + 1, via)) {
      if (array.kind !== 'array') continue;
      const parts = array.elements.map((e) => resolver.values(e, depth + 1, via).filter((v): v is StringValue | NumberValue => v.kind === 'string' || v.kind === 'number'));
      if (parts.some((p) => p.length !== 1)) continue;
      out.push({ kind: 'string', value: parts.map((p) => String(p[0].value)).join(separator), origin, via });
    }
    return out;
  }
  // 'sha512'.replace('512', '256'): string patterns only, and replacements without `$` patterns.
  if ((method === 'replace' || method === 'replaceAll') && node.arguments.length === 2) {
    const [pattern, replacement] = node.arguments.map(strings);
    if (pattern.length !== 1 || replacement.length !== 1 || replacement[0].value.includes('$')) return [];
    const replace = (text: string) => (method === 'replace' ? text.replace(pattern[0].value, replacement[0].value) : text.split(pattern[0].value).join(replacement[0].value));
    return strings(receiver).map((v) => ({ kind: 'string', value: replace(v.value), origin, via }));
  }
  if (method === 'toLowerCase' || method === 'toUpperCase' || method === 'trim' || method === 'toString') {
    const change = (text: string) => (method === 'toLowerCase' ? text.toLowerCase() : method === 'toUpperCase' ? text.toUpperCase() : text.trim());
    return strings(receiver).map((v) => ({ ...v, value: change(v.value) }));
  }
  return undefined;
}

/** Values of calls to the built-in APIs that make objects and buffers. */
export function builtinCallValues(resolver: BuiltinResolver, node: ts.CallExpression | ts.NewExpression, api: string, depth: number, via: Origin[]): Value[] {
  const origin = { sourceFile: node.getSourceFile(), node };
  const args = node.arguments ?? ts.factory.createNodeArray();
  const valuesOf = (index: number) => resolver.values(args[index], depth + 1, via);
  switch (api) {
    case 'Object.assign': {
      // Object.assign({}, defaults, { rejectUnauthorized: false }): later sources win, like spreads.
      const members: ObjectMember[] = args.map((arg) => ({ kind: 'spread', expression: arg, sourceFile: origin.sourceFile }));
      return [{ kind: 'object', members, origin, via }];
    }
    case 'Buffer.alloc':
    case 'buffer.Buffer.alloc':
    case 'Buffer.allocUnsafe':
    case 'Uint8Array':
      return valuesOf(0).flatMap((v): Value[] => (v.kind === 'number' || v.kind === 'array' ? [{ kind: 'bytes', length: v.kind === 'number' ? v.value : v.elements.length, random: false, origin, via }] : []));
    case 'crypto.randomBytes':
      return valuesOf(0).flatMap((v): Value[] => (v.kind === 'number' ? [{ kind: 'bytes', length: v.value, random: true, origin, via }] : []));
    case 'crypto.getRandomValues':
      return valuesOf(0).flatMap((v) => (v.kind === 'bytes' ? [{ ...v, random: true, origin }] : []));
    case 'Buffer.from':
    case 'buffer.Buffer.from': {
      const encoding = valuesOf(1).find((v): v is StringValue => v.kind === 'string')?.value ?? 'utf8';
      return valuesOf(0).flatMap((v): Value[] => {
        if (v.kind === 'string') {
          const length = byteLength(v.value, encoding);
          return length === undefined ? [] : [{ kind: 'bytes', length, random: false, origin, via }];
        }
        if (v.kind === 'array') return [{ kind: 'bytes', length: v.elements.length, random: false, origin, via }];
        return [];
      });
    }
    case 'TextEncoder.instance.encode':
    case 'util.TextEncoder.instance.encode':
      // jose secrets: `new TextEncoder().encode('secret')`.
      return valuesOf(0).flatMap((v): Value[] => (v.kind === 'string' ? [{ kind: 'bytes', length: Buffer.byteLength(v.value, 'utf8'), random: false, origin, via }] : []));
    case 'String':
      return valuesOf(0).flatMap((v) => (v.kind === 'string' || v.kind === 'number' ? [{ kind: 'string' as const, value: String(v.value), origin: v.origin, via: v.via }] : []));
    default:
      return [];
  }
}

function byteLength(text: string, encoding: string): number | undefined {
  const enc = encoding.toLowerCase();
  if (enc === 'hex') return text.length % 2 === 0 && /^[0-9a-f]*$/i.test(text) ? text.length / 2 : undefined;
  if (enc === 'base64' || enc === 'base64url') return Buffer.from(text, enc).length;
  if (enc === 'utf8' || enc === 'utf-8' || enc === 'ascii' || enc === 'latin1' || enc === 'binary') return Buffer.byteLength(text, enc as BufferEncoding);
  return undefined;
}
