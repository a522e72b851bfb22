/** A wake-up call between the runner's loop and whatever feeds it (live events, ticks, stop). */
export interface Signal {
  /** Resolves at the next notify, or after `ms` when given; a notify before the wait is not lost. */
  wait(ms?: number): Promise<void>;
  notify(): void;
}

/** Creates a signal. */
export const createSignal = (): Signal => {
  let pending = false;
  let wake: (() => void) | undefined;
  return {
    wait(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = ms === undefined ? undefined : setTimeout(done, ms);
        function done() {
          if (timer !== undefined) clearTimeout(timer);
          wake = undefined;
          pending = false;
          resolve();
        }
        wake = done;
      });
    },
    notify() {
      if (wake === undefined) pending = true;
      else wake();
    },
  };
};
