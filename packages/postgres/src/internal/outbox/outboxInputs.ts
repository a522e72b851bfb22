import { renderValue, ValidationError } from '@rapport/core';
import type { EffectOutcome, EffectStatus } from '@rapport/projections';
import { assertTime } from '../readModels/readModelNames';
import { encodeText } from '../textCodec';

const refuse = (path: string, rule: string, got: unknown): never => {
  throw new ValidationError([{ path, rule, got: renderValue(got) }]);
};

/** Throws unless `limit` is a positive integer; returns it. */
export const assertLimit = (limit: unknown, path: string): number =>
  typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 1
    ? limit
    : refuse(path, 'must be a positive integer', limit);

/** Throws unless `text` is a string (an effect id, an owner, a reactor); returns it. */
export const assertText = (text: unknown, path: string): string =>
  typeof text === 'string' ? text : refuse(path, 'must be a string', text);

/** Throws unless `status` is an effect status; returns it. */
export const assertStatus = (status: unknown, path: string): EffectStatus =>
  status === 'pending' || status === 'sent' || status === 'dead'
    ? status
    : refuse(path, "must be 'pending', 'sent' or 'dead'", status);

/**
 * The settle statement's arguments for an outcome (`$3`-`$7`: owner, outcome, time, error as JSON, retry time),
 * checked field by field.
 */
export const outcomeArguments = (outcome: EffectOutcome): unknown[] => {
  const kind = outcome?.outcome;
  if (kind !== 'sent' && kind !== 'failed' && kind !== 'dead')
    return refuse('outcome.outcome', "must be 'sent', 'failed' or 'dead'", kind);
  const owner = encodeText(assertText(outcome.owner, 'outcome.owner'));
  const at = assertTime(outcome.at, 'outcome.at');
  if (kind === 'sent') return [owner, kind, at, null, null];
  const { error } = outcome;
  const message = assertText(error?.message, 'outcome.error.message');
  if (error.code !== undefined) assertText(error.code, 'outcome.error.code');
  const retryAt = kind === 'failed' ? assertTime(outcome.retryAt, 'outcome.retryAt') : null;
  return [owner, kind, at, JSON.stringify({ message, code: error.code }), retryAt];
};
