import { renderValue, ValidationError, type ValidationIssue } from '@rapport/core';
import { formatIso, parseIso } from '../internal/timers/isoTime';
import type { Effect } from './effect';
import { jsonProblem } from './jsonProblem';
import { areVetted } from './vetted';

/** True for the canonical ISO-8601 UTC form (what `toISOString` writes), so stored times compare as strings. */
const isIso = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  const ms = parseIso(value);
  return !Number.isNaN(ms) && formatIso(ms) === value;
};

const text = (value: unknown) => typeof value === 'string' && value !== '';

/**
 * Checks the effects of a commit (and the time they are created at) before a store writes anything, throwing one
 * `ValidationError` that names every bad field (`effects[2].payload.amount: must be a finite number (got NaN)`).
 * Stores call it so a bad commit is refused whole. Effects the engine collected from a reactor's context were checked
 * as they were emitted and are not walked again.
 */
export const checkEffects = (effects: readonly Effect[], recordedAt: unknown): void => {
  const issues: ValidationIssue[] = [];
  if (effects.length > 0 && !isIso(recordedAt))
    issues.push({
      path: 'recordedAt',
      rule: 'must be an ISO-8601 UTC time when effects are committed',
      got: renderValue(recordedAt),
    });
  if (areVetted(effects)) {
    if (issues.length > 0) throw new ValidationError(issues);
    return;
  }
  effects.forEach((effect, i) => {
    const at = `effects[${i}]`;
    const issue = (field: string, rule: string, got?: unknown) =>
      issues.push({ path: `${at}.${field}`, rule, got: renderValue(got) });
    if (effect === null || typeof effect !== 'object') {
      issues.push({ path: at, rule: 'must be an effect', got: renderValue(effect) });
      return;
    }
    if (!text(effect.id)) issue('id', 'must be a non-empty string', effect.id);
    if (effect.kind !== 'command' && effect.kind !== 'message')
      issue('kind', "must be 'command' or 'message'", effect.kind);
    for (const field of ['reactor', 'name', 'type'] as const)
      if (!text(effect[field])) issue(field, 'must be a non-empty string', effect[field]);
    if (typeof effect.key !== 'string') issue('key', 'must be a string', effect.key);
    if (!Number.isSafeInteger(effect.version) || effect.version < 1)
      issue('version', 'must be a positive integer', effect.version);
    const problem = jsonProblem(effect.payload, `${at}.payload`);
    if (problem !== undefined) issues.push(problem);
    if (effect.notBefore !== undefined && !isIso(effect.notBefore))
      issue('notBefore', 'must be an ISO-8601 UTC time', effect.notBefore);
    const cause = effect.cause;
    if (cause === null || typeof cause !== 'object') issue('cause', 'must be an object', cause);
    else {
      if (typeof cause.position !== 'bigint' || cause.position < 0n)
        issue('cause.position', 'must be a non-negative bigint', cause.position);
      if (!isIso(cause.at)) issue('cause.at', 'must be an ISO-8601 UTC time', cause.at);
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
};
