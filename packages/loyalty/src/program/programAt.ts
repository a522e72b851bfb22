import type { Program } from './programSchema';
import { epochOf, type Instant } from './time';

/**
 * The version of a program in force at `at`: the newest `effectiveFrom` not after `at` (equal dates: the higher
 * `version`), or `undefined` when none has started or the one picked has closed (`effectiveUntil <= at`).
 */
export const programAt = (programs: readonly Program[], at: Instant): Program | undefined => {
  const ms = epochOf(at, 'at');
  let best: Program | undefined;
  let bestFrom = Number.NEGATIVE_INFINITY;
  for (const program of programs) {
    const from = Date.parse(program.effectiveFrom);
    if (from > ms) continue;
    if (best === undefined || from > bestFrom || (from === bestFrom && program.version > best.version)) {
      best = program;
      bestFrom = from;
    }
  }
  if (best?.effectiveUntil !== undefined && Date.parse(best.effectiveUntil) <= ms) return undefined;
  return best;
};
