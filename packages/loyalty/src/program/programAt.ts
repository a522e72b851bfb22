import type { Program } from './programSchema';
import { epochOf, type Instant } from './time';

/**
 * A function from epoch ms to the program version in force then, over `programs` parsed once: the newest
 * `effectiveFrom` not after it (equal dates: the higher `version`), undefined when none has started or the one picked
 * has closed. For folds that ask at every event.
 */
export const programPicker = (programs: readonly Program[]): ((ms: number) => Program | undefined) => {
  const spans = programs.map((program) => ({
    program,
    from: Date.parse(program.effectiveFrom),
    until:
      program.effectiveUntil === undefined ? Number.POSITIVE_INFINITY : Date.parse(program.effectiveUntil),
  }));
  return (ms) => {
    let best: (typeof spans)[number] | undefined;
    for (const span of spans) {
      if (span.from > ms) continue;
      if (
        best === undefined ||
        span.from > best.from ||
        (span.from === best.from && span.program.version > best.program.version)
      )
        best = span;
    }
    return best === undefined || best.until <= ms ? undefined : best.program;
  };
};

/**
 * The version of a program in force at `at`: the newest `effectiveFrom` not after `at` (equal dates: the higher
 * `version`), or `undefined` when none has started or the one picked has closed (`effectiveUntil <= at`).
 */
export const programAt = (programs: readonly Program[], at: Instant): Program | undefined =>
  programPicker(programs)(epochOf(at, 'at'));
