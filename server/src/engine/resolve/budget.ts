/**
 * Limits that keep value resolution finite on any input. Following values is a search over code
 * the user wrote (and code an attacker may have written): a chain of 30 wrappers, a ternary 500
 * levels deep or two assignments that read each other must cost a bounded amount of work. When a
 * limit is reached the answer is incomplete, never "clean": the question that hit it is recorded,
 * and the call site is listed as unresolved with the limit as its reason.
 */

/** Steps (one evaluated expression, property lookup or API lookup each) one question may take. */
export const STEPS_PER_QUESTION = 20_000;
/** Steps one file's analysis may take in all; past it, every further question is answered "unknown". */
export const STEPS_PER_FILE = 2_000_000;
/** Nesting of one question's evaluation (guards the stack; each wrapper function costs about three). */
export const MAX_DEPTH = 160;
/** Calls into other modules' functions followed from one call (`digest()` calling `hash()` calling `createHash`). */
export const MAX_CALL_HOPS = 32;
/** Distinct values one expression may have; more are dropped and the answer marked incomplete. */
export const MAX_CANDIDATES = 64;

export type LimitReached = 'steps' | 'file-steps' | 'depth' | 'candidates';

const LIMIT_WORDS: Record<LimitReached, string> = {
  steps: `following the value took more than ${STEPS_PER_QUESTION.toLocaleString('en-US')} steps`,
  'file-steps': `the file's analysis reached its limit of ${STEPS_PER_FILE.toLocaleString('en-US')} steps`,
  depth: `the value is nested more than ${MAX_DEPTH} levels deep`,
  candidates: `the value has more than ${MAX_CANDIDATES} possible forms`,
};

export function describeLimit(limit: LimitReached): string {
  return LIMIT_WORDS[limit];
}

/**
 * One analysis's budget. A question is a top-level request (what values can this argument have?);
 * nested work counts against the question that asked for it.
 */
export class Budget {
  private fileSteps = 0;
  private questionSteps = 0;
  private openQuestions = 0;
  /** The first limit reached during the current question, if any. */
  private reached: LimitReached | undefined;
  /** How many times any limit cut work short in this analysis: its answers then depend on what else was asked. */
  limitsReached = 0;

  /** Runs a question; returns its answer and the limit it reached, if one was. */
  question<T>(ask: () => T): { answer: T; limit?: LimitReached } {
    if (this.openQuestions > 0) return { answer: ask() };
    this.openQuestions++;
    this.questionSteps = 0;
    this.reached = undefined;
    try {
      const answer = ask();
      return { answer, limit: this.reached };
    } finally {
      this.openQuestions--;
    }
  }

  /** Counts one step; false when the question (or the file) has no steps left. */
  step(): boolean {
    if (this.fileSteps >= STEPS_PER_FILE) return this.hit('file-steps');
    if (this.questionSteps >= STEPS_PER_QUESTION) return this.hit('steps');
    this.fileSteps++;
    this.questionSteps++;
    return true;
  }

  /** Records that a limit cut the current question short; always false, for `return budget.hit(...)`. */
  hit(limit: LimitReached): false {
    this.reached ??= limit;
    this.limitsReached++;
    return false;
  }

  /**
   * At most MAX_CANDIDATES values. Past it, repeats of the same value (500 branches that all say
   * 'sha256') are dropped first; what still does not fit marks the question incomplete.
   */
  cap<T>(values: T[]): T[] {
    if (values.length <= MAX_CANDIDATES) return values;
    const seen = new Set<unknown>();
    const distinct = values.filter((value) => {
      const key = sameValueKey(value);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (distinct.length <= MAX_CANDIDATES) return distinct;
    this.hit('candidates');
    return distinct.slice(0, MAX_CANDIDATES);
  }
}

/** Strings and numbers are the same value when they are equal; objects and functions only when they are written in the same place. */
function sameValueKey(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const v = value as { kind?: string; value?: unknown; origin?: { node?: unknown } };
  if (v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean') return `${v.kind}:${String(v.value)}`;
  return v.origin?.node ?? value;
}
