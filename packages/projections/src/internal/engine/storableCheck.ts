import { ValidationError, type ValidationIssue } from '@rapport/core';
import { documentProblem } from '../../readModel/documentRule';

/** An own property of an earlier state, which was checked with it; anything else is new. */
const earlier = (previous: object, name: string): unknown =>
  Object.hasOwn(previous, name) ? (previous as Record<string, unknown>)[name] : undefined;

/**
 * The first break of the document rule in `next`, walking only what differs from `previous`, a state that was
 * checked before: a value identical to the one in the same place of `previous` is skipped. A handler's state is an
 * immutable update of the last one, so an event costs the walk of what it changed.
 */
const changedProblem = (next: unknown, previous: unknown, at: string): ValidationIssue | undefined => {
  if (next === previous) return undefined;
  if (
    typeof next !== 'object' ||
    next === null ||
    typeof previous !== 'object' ||
    previous === null ||
    Array.isArray(next) !== Array.isArray(previous)
  ) {
    return documentProblem(next, at);
  }
  if (Array.isArray(next)) {
    const before = previous as readonly unknown[];
    for (let i = 0; i < next.length; i++) {
      const item: unknown = next[i];
      if (!(i in next) || item === undefined) return documentProblem(next, at);
      if (item === before[i]) continue;
      const problem = changedProblem(item, before[i], `${at}[${i}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(next);
  if (proto !== Object.prototype && proto !== null) return documentProblem(next, at);
  const before = previous as Record<string, unknown>;
  // for-in, not Object.keys: no array to allocate per object on a path that runs for every event
  for (const name in next) {
    if (!Object.hasOwn(next, name)) continue;
    const child = (next as Record<string, unknown>)[name];
    if (child === undefined) continue;
    // the same value in the same place was checked with the earlier state, unless it is inherited (`constructor`)
    if (child === before[name] && Object.hasOwn(before, name)) continue;
    const problem = changedProblem(child, earlier(before, name), `${at}.${name}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
};

/**
 * The engine's check of each state a handler returns against the document rule, before anything of that call is
 * applied: a state no store could keep fails the call, so it becomes a dead letter under the projection's policy
 * (in the fold as in the runner) instead of a commit that every store refuses, or one store takes and another not.
 * `previous` is the document's state before the call (null for a new one), already known to be storable.
 */
export const assertStorable = (next: unknown, previous: unknown): void => {
  if (next === null) return;
  const problem = changedProblem(next, previous, 'state');
  if (problem !== undefined) throw new ValidationError([problem]);
};
