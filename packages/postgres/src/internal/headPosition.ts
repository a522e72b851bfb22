import { sleep } from './sleep';
import type { StoreContext } from './storeContext';

/**
 * The last position a reader may see (the horizon's head). Like `readAll`, waits up to `horizonWaitMs` for
 * events committed before the call that an older open transaction still hides.
 */
export const headPosition = async (context: StoreContext): Promise<bigint> => {
  await context.ready();
  const read = async () => {
    const [row] = await context.db.query<{ safe_head: string | null; visible_head: string | null }>(
      context.statements.headPosition,
      [context.tenant],
    );
    return { safe: BigInt(row?.safe_head ?? '0'), visible: BigInt(row?.visible_head ?? '0') };
  };
  const deadline = Date.now() + context.horizonWaitMs;
  let head = await read();
  const target = head.visible;
  for (let delay = 1; head.safe < target && Date.now() < deadline; delay *= 2) {
    await sleep(Math.min(delay, 50, Math.max(0, deadline - Date.now())));
    head = await read();
  }
  return head.safe;
};
