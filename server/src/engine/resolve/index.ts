/**
 * The resolver (`resolver.ts`): what an expression refers to and what values it can hold,
 * followed through scopes (`scopes.ts`), modules (`modules.ts`), objects and their later writes
 * (`objects.ts`), functions, their callers and returns (`functions.ts`), and the built-in calls
 * it evaluates (`builtins.ts`), within the limits of `budget.ts`; `explain.ts` says why a value
 * is not known.
 */
export { append, fileIndex, skipOuterExpressions } from '../file-index';
export { Resolver } from './resolver';
export { accessedName, enclosingFunction, propertyNameText } from './scopes';
export type { ApiPath, NumberValue, ObjectMember, ObjectValue, Origin, PropertyHit, StringValue, Value } from './types';
