import { renderValue, ValidationError } from '@rapport/core';
import { checkEffects, type Effect, type ReadModelCommit } from '@rapport/projections';
import { SEPARATOR } from '../readModels/commitArguments';
import { encodeText } from '../textCodec';
import { effectJson } from './storedEffect';

/** Longest effect id, in bytes as stored: the id is an index column, and a btree entry must stay under ~2.7 kB. */
export const maxEffectIdBytes = 2048;

/**
 * The arguments `commit_read_model_effects` takes after those of `commit_read_model` (ids, reactors, due times,
 * effects as JSON texts joined by U+001E, recorded at, the commands' keys with null for a message), or undefined for
 * a commit without effects. The effects are checked as every store checks them, and reduced to the first of each id,
 * which is the one an insert in order keeps.
 */
export const effectArguments = (commit: ReadModelCommit): unknown[] | undefined => {
  const effects = commit.effects ?? [];
  checkEffects(effects, commit.recordedAt);
  if (effects.length === 0) return undefined;
  const first = new Map<string, Effect>();
  effects.forEach((effect, i) => {
    const id = encodeText(effect.id);
    if (Buffer.byteLength(id) > maxEffectIdBytes)
      throw new ValidationError([
        {
          path: `effects[${i}].id`,
          rule: `must be at most ${maxEffectIdBytes} bytes in UTF-8`,
          got: renderValue(effect.id),
        },
      ]);
    if (!first.has(id)) first.set(id, effect);
  });
  const kept = [...first.values()];
  const recordedAt = commit.recordedAt!;
  return [
    [...first.keys()],
    kept.map((effect) => encodeText(effect.reactor)),
    kept.map((effect) => effect.notBefore ?? recordedAt),
    kept.map(effectJson).join(SEPARATOR),
    recordedAt,
    kept.map((effect) => (effect.kind === 'command' ? encodeText(effect.key) : null)),
  ];
};
