import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** A full garbage collection, whether or not node was started with `--expose-gc`. */
export const fullGc = (): void => {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed !== undefined) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
  collect();
};

/** Heap bytes in use after a full collection. */
export const heapUsed = (): number => {
  fullGc();
  return process.memoryUsage().heapUsed;
};
