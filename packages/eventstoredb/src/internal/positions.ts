import type { LogPosition } from './gateway';

/**
 * The log position a Rapport global position stands for. Rapport's `globalPosition` is the commit position,
 * which for events appended over gRPC equals the prepare position, so `{ commit: p, prepare: p }` addresses
 * the event exactly. `0n` means the start of the log.
 */
export const logPositionOf = (globalPosition: bigint): LogPosition | 'start' =>
  globalPosition === 0n ? 'start' : { commit: globalPosition, prepare: globalPosition };

/** True when `a` comes strictly after `b` in the log (commit, then prepare). */
export const isAfter = (a: LogPosition, b: LogPosition | 'start'): boolean =>
  b === 'start' || a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
