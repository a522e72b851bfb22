import {
  createFakeClock,
  createInMemoryEventStore,
  customerStreamId,
  type EventStore,
  type RecordedEvent,
} from '@rapport/core';
import {
  createInMemoryReadModelStore,
  createProjectionReader,
  createProjectionRunner,
  foldProjection,
  type ReadModelStore,
} from '@rapport/projections';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryHistory, type EventSpec, historyStart } from '../__fixtures__/arbitraryHistory';
import { profileAsOf } from '../timeTravel/profileAsOf';
import type { CustomerProfile } from './customerProfile';
import { profileProjection } from './profileProjection';

type Spec = EventSpec & { readonly customerId: string };

/**
 * Two customers' histories, and maybe a merge of c2 into c1 after everything else, maybe undone later: restored at once,
 * as the service does, or days later (a process stopped between the two halves), each record going on meanwhile.
 */
const arbitraryCustomers = fc
  .tuple(
    arbitraryHistory({ prefix: 'a', maxFacts: 12, forgettable: false }),
    arbitraryHistory({ prefix: 'b', maxFacts: 12, forgettable: false }),
    fc.constantFrom('apart', 'merged', 'unmerged'),
    arbitraryHistory({ prefix: 'c', maxFacts: 4, forgettable: false }),
    fc.constantFrom(0, 3, 200),
  )
  .map(([one, two, identity, after, restoreDays]): Spec[] => {
    const specs: Spec[] = [
      ...one.map((s) => ({ ...s, customerId: 'c1' })),
      ...two.map((s) => ({ ...s, customerId: 'c2' })),
    ];
    if (identity === 'apart') return specs;
    const at = Math.max(historyStart, ...specs.map((s) => s.at)) + 1;
    const none = { orders: [], invoices: [] };
    const merge: Spec[] = [
      { type: 'CustomerMergedInto', data: { survivorId: 'c1' }, at, customerId: 'c2' },
      { type: 'CustomersMerged', data: { absorbedId: 'c2', transferred: none }, at, customerId: 'c1' },
    ];
    if (identity === 'merged') return [...specs, ...merge];
    const later = at + 86_400_000;
    const restored: Spec = {
      type: 'CustomerRestored',
      data: { survivorId: 'c1', status: 'customer', returned: none },
      at: later + restoreDays * 86_400_000,
      customerId: 'c2',
    };
    // given back a day later, then each record goes on with its own events
    return [
      ...specs,
      ...merge,
      { type: 'CustomersUnmerged', data: { absorbedId: 'c2', returned: none }, at: later, customerId: 'c1' },
      restored,
      ...after.map((s, i) => ({
        ...s,
        at: later + 1 + s.at - historyStart,
        customerId: i % 2 ? 'c1' : 'c2',
      })),
    ];
  });

const append = (store: EventStore, spec: Spec) =>
  store.appendToStream(customerStreamId(spec.customerId), [
    {
      type: spec.type,
      data: spec.data,
      metadata: { customerId: spec.customerId, occurredAt: new Date(spec.at) },
    },
  ]);

const allEvents = async (store: EventStore): Promise<readonly RecordedEvent[]> =>
  (await store.readAll({ maxCount: 100_000 })).events;

const documents = async (readModels: ReadModelStore) => {
  const page = await createProjectionReader<CustomerProfile>(readModels, profileProjection.name).list({
    limit: 100,
  });
  return new Map(page.documents.map(({ key, document }) => [key, document]));
};

const runner = (
  store: EventStore,
  readModels: ReadModelStore,
  batchSize: number,
  clock = createFakeClock(new Date(0)),
) =>
  createProjectionRunner({
    projection: profileProjection,
    eventStore: store,
    readModels,
    batchSize,
    clock,
    tickIntervalMs: 0,
  });

describe('given any history of several customers, run by the projection runner', () => {
  it('a full rebuild equals the incrementally maintained state, whatever the batch size and restart point', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryCustomers.chain((specs) =>
          fc.tuple(
            fc.shuffledSubarray(specs, { minLength: specs.length }),
            fc.integer({ min: 1, max: 7 }),
            fc.nat({ max: specs.length }),
          ),
        ),
        async ([arrival, batchSize, restartAt]) => {
          const store = createInMemoryEventStore();
          const readModels = createInMemoryReadModelStore();
          for (const spec of arrival.slice(0, restartAt)) await append(store, spec);
          const first = runner(store, readModels, batchSize);
          first.start();
          await first.waitForPosition(BigInt(restartAt));
          await first.stop();
          const second = runner(store, readModels, batchSize);
          second.start();
          // the rest arrives while the second runner follows the store live
          for (const spec of arrival.slice(restartAt)) await append(store, spec);
          await second.waitForPosition(BigInt(arrival.length));
          await second.stop();
          const rebuilt = foldProjection(profileProjection, await allEvents(store)).documents;
          expect(await documents(readModels)).toEqual(rebuilt);
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it('timers give the same answers live with a fake clock as in a replay, and profileAsOf shows what the live projection showed', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryCustomers,
        fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 4 }),
        async (specs, idleDays) => {
          const timeline = [...specs].sort((a, b) => a.at - b.at);
          const store = createInMemoryEventStore();
          const readModels = createInMemoryReadModelStore();
          const clock = createFakeClock(new Date(historyStart - 86_400_000));
          const live = runner(store, readModels, 5, clock);
          live.start();
          const seen: { at: number; documents: Map<string, CustomerProfile> }[] = [];
          const look = async () => {
            await live.tick();
            seen.push({ at: clock.now().getTime(), documents: await documents(readModels) });
          };
          for (const [i, spec] of timeline.entries()) {
            clock.set(new Date(spec.at));
            const { lastGlobalPosition } = await append(store, spec);
            await live.waitForPosition(lastGlobalPosition);
            const next = timeline[i + 1];
            if (next !== undefined && next.at === spec.at) continue;
            await look();
            // time passes with no event: timers alone move stages and overdue balances
            const quiet = idleDays[i % Math.max(1, idleDays.length)];
            const until = quiet === undefined ? undefined : spec.at + quiet * 86_400_000;
            if (until !== undefined && (next === undefined || until < next.at)) {
              clock.set(new Date(until));
              await look();
            }
          }
          await live.stop();
          const events = await allEvents(store);
          for (const { at, documents: shown } of seen) {
            const replay = foldProjection(profileProjection, events, { until: new Date(at) }).documents;
            expect(replay).toEqual(shown);
            // each customer as its own history alone shows it: absent while merged, its own again once given back
            for (const id of ['c1', 'c2'])
              expect(await profileAsOf(store, id, new Date(at))).toEqual(shown.get(id));
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);
});
