/**
 * A projection where a double or out-of-order application shows: per customer, how many events were applied, the
 * last sequence number seen, how often one arrived out of order, and how many one-hour silences a timer saw.
 * Shared by the partition failover test and the throughput measurement.
 */
import { defineProjection } from '@rapport/projections';

/** A customer's count: events applied, last sequence number, how many arrived out of order, silences seen. */
export interface Counted {
  readonly count: number;
  readonly lastSeq: number;
  readonly disorder: number;
  readonly quiet: number;
}

const HOUR_MS = 3_600_000;

/** The counting projection `counted` at the given version (a version per run gives a fresh collection). */
export const countingProjection = (version = 1) =>
  defineProjection<Counted>({
    name: 'counted',
    version,
    handles: ['Counted'],
    init: () => ({ count: 0, lastSeq: 0, disorder: 0, quiet: 0 }),
    evolve: (state, event, ctx) => {
      const seq = (event.data as { seq: number }).seq;
      ctx.schedule(new Date(ctx.now.getTime() + HOUR_MS), 'quiet');
      return {
        count: state.count + 1,
        lastSeq: seq,
        disorder: state.disorder + (seq === state.lastSeq + 1 ? 0 : 1),
        quiet: state.quiet,
      };
    },
    onTimer: (state) => ({ ...state, quiet: state.quiet + 1 }),
  });
