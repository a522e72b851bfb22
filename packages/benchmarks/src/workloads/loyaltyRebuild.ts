import { createInMemoryEventStore, type EventStore } from '@rapport/core';
import { createBalancesProjection, createEarningReactor, sampleProgram } from '@rapport/loyalty';
import { profileProjection } from '@rapport/profiles';
import { type AnyProjection, createInMemoryReadModelStore } from '@rapport/projections';
import { loadStore } from '../data/loadStore';
import { loyaltyHistory } from '../data/loyaltyHistory';
import { fullGc } from '../harness/heap';
import { runToHead } from '../harness/runToHead';
import { cpuMs, interleave, perSecond } from '../harness/stats';
import type { Workload } from '../harness/types';

/** Rebuilds each projection from the start of the log, one after the other, into a fresh read-model store. */
const rebuild = async (store: EventStore, head: bigint, projections: readonly AnyProjection<unknown>[]) => {
  const readModels = createInMemoryReadModelStore();
  for (const projection of projections) await runToHead(projection, store, readModels, head);
};

/**
 * `loyalty-rebuild`: the earning reactor and the balances projection rebuilt over a CDNOW-derived loyalty log (the
 * sample program's live record: registrations, enrolments, purchases, earnings, tier changes, expiries), as events
 * per second of CPU for both, against the profile projection rebuilt over the same log.
 */
export const loyaltyRebuild: Workload = {
  name: 'loyalty-rebuild',
  title: 'In-memory rebuild of loyalty (earning reactor and balances) against the profile',
  run: async (context) => {
    const customers = context.size(23_570, 2_000);
    const store = createInMemoryEventStore();
    const count = await loadStore(store, loyaltyHistory(customers));
    const head = await store.headPosition();
    context.log(`  ${count} events of ${customers} CDNOW customers loaded`);
    const programs = [sampleProgram];
    const loyalty = [
      createEarningReactor({ programs }),
      createBalancesProjection({ programs }),
    ] as unknown as AnyProjection<unknown>[];
    const rates = await interleave(
      context.runs,
      {
        floor: async () =>
          perSecond(
            count,
            await cpuMs(() => rebuild(store, head, [profileProjection as AnyProjection<unknown>])),
          ),
        rapport: async () => perSecond(count, await cpuMs(() => rebuild(store, head, loyalty))),
      },
      fullGc,
    );
    await store.close();
    return [
      {
        id: 'loyalty-rebuild',
        label: `${count.toLocaleString('en')} events of ${customers.toLocaleString('en')} CDNOW customers, earning and balances both, vs the profile`,
        unit: 'events/s',
        better: 'higher',
        ...rates,
        targets: [{ kind: 'ratioFloor', atLeast: 0.5 }],
        limit:
          'Two folds per event where the profile has one: the reactor (earning rules, lot mirror, tier basis, effects into the outbox) and the balances projection (the same member fold for the tier basis, then the ledger and a refresh timer).',
        notes: 'CPU time of this process; the "floor" column is the profile rebuild on the same log.',
      },
    ];
  },
};
