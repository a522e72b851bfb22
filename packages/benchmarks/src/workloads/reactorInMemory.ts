import { createInMemoryEventStore } from '@rapport/core';
import { profileProjection } from '@rapport/profiles';
import { createInMemoryReadModelStore, type ReadModelStore } from '@rapport/projections';
import { earnReactor } from '../data/earnReactor';
import { loadStore } from '../data/loadStore';
import { generateHistory } from '../data/touchpoints';
import { fullGc } from '../harness/heap';
import { runToHead } from '../harness/runToHead';
import { cpuMs, interleave, perSecond } from '../harness/stats';
import type { Workload } from '../harness/types';
import { reactorFigures } from './reactorFigures';

/** Counts what a store's outbox holds. */
const outboxSize = async (readModels: ReadModelStore) => {
  let count = 0;
  for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
    const page = await readModels.outbox.list({ limit: 10_000, ...(after === undefined ? {} : { after }) });
    count += page.entries.length;
    after = page.next;
  }
  return count;
};

/**
 * The reactor workload in memory: the profile fold as a reactor emitting one command per purchase, first with every
 * effect new (each is committed to the outbox), then replayed by a new version over the same outbox (every effect is
 * already there), against the plain profile projection on the same log.
 */
export const reactorInMemory: Workload = {
  name: 'reactor-inmem',
  title: 'Reactor throughput in memory (one command per purchase)',
  run: async (context) => {
    const customers = context.size(50_000, 3_000);
    const store = createInMemoryEventStore();
    const count = await loadStore(store, generateHistory({ customers, eventsPerCustomer: 10 }));
    const head = await store.headPosition();
    let effects = 0;
    let version = 1;
    const rates = await interleave(
      context.runs,
      {
        plain: async () =>
          perSecond(
            count,
            await cpuMs(() => runToHead(profileProjection, store, createInMemoryReadModelStore(), head)),
          ),
        emit: async () => {
          const readModels = createInMemoryReadModelStore();
          const rate = perSecond(count, await cpuMs(() => runToHead(earnReactor(), store, readModels, head)));
          effects = await outboxSize(readModels);
          return rate;
        },
        replay: async () => {
          const readModels = createInMemoryReadModelStore();
          await runToHead(earnReactor(), store, readModels, head);
          const rate = perSecond(
            count,
            await cpuMs(() => runToHead(earnReactor(++version), store, readModels, head)),
          );
          if ((await outboxSize(readModels)) !== effects) throw new Error('the replay added effects');
          return rate;
        },
      },
      fullGc,
    );
    context.log(`  ${count} events, ${effects} effects`);
    await store.close();
    const label = `${count.toLocaleString('en')} events of ${customers.toLocaleString('en')} customers, ${effects.toLocaleString('en')} purchases`;
    return reactorFigures(
      'reactor-inmem',
      label,
      rates,
      {
        emit: 'Each purchase builds an effect (its id, cause and a JSON check of its payload) and the outbox files it.',
        replay: 'The effects are derived again and dropped by id in the outbox, so only building them costs.',
      },
      'CPU time of this process',
    );
  },
};
