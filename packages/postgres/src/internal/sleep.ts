/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves on the next turn of the event loop, so long loops let I/O and timers run. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
