/** Where "now" comes from. Inject it; never call `Date.now()` in domain code. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export interface FakeClock extends Clock {
  /** Moves the clock to `to`; throws if that is in the past. */
  set(to: Date | string): void;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
}

/** Creates a fake clock starting at `start`. */
export const createFakeClock = (start: Date | string = '2026-01-01T00:00:00.000Z'): FakeClock => {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new TypeError(`createFakeClock: invalid start ${String(start)}`);
  return {
    now: () => new Date(current),
    set(to) {
      const next = new Date(to).getTime();
      if (Number.isNaN(next)) throw new TypeError(`FakeClock.set: invalid date ${String(to)}`);
      if (next < current) throw new RangeError('FakeClock.set: time does not run backwards');
      current = next;
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('FakeClock.advance: ms must be a non-negative number');
      current += ms;
    },
  };
};
