import type { EventStore } from '@rapport/core';
import type { ReadModelStore } from '@rapport/projections';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { arbitraryCustomerAppends } from '../arbitraries/events';
import { cdnowEvents, loadCdnowTransactions } from '../datasets/cdnow';
import {
  type AnyProjection,
  appendHistory,
  expectRunnerMatchesFold,
  type HistoryAppend,
} from './equivalenceRun';
import { arbitraryIdentityAppends } from './identityHistories';

/** Fresh, empty stores for one history: a new tenant or schema, so runs never see each other's events. */
export interface EquivalenceStores {
  readonly eventStore: EventStore;
  readonly readModels: ReadModelStore;
  readonly teardown?: () => Promise<void>;
}

/** What the projection-equivalence suite runs, and on what. */
export interface ProjectionEquivalenceOptions<TProjections extends readonly AnyProjection[]> {
  /** Creates empty stores; called once for the CDNOW sample and once per generated history. */
  readonly createStores: () => Promise<EquivalenceStores>;
  /** The projections to check; each runs in its own collection on the same stores. */
  readonly projections: TProjections;
  /** Generated histories; default `arbitraryCustomerAppends()` (any touchpoint, four customers, up to 40 events). */
  readonly histories?: fc.Arbitrary<HistoryAppend[]>;
  /**
   * Generated histories of customers merged and unmerged, run as well whatever `histories` is; default
   * `arbitraryIdentityAppends()` (four customers, merges and unmerges as the customer service records them).
   */
  readonly identityHistories?: fc.Arbitrary<HistoryAppend[]>;
  /** Generated histories to run, of each kind; default 10. */
  readonly numRuns?: number;
  /** Customers of the CDNOW sample to use (in file order); default all 2,357, 0 skips the dataset. */
  readonly cdnowCustomers?: number;
  /** Per-test timeout in ms; default 120 s. */
  readonly timeout?: number;
}

const cdnowHistory = (customers: number): HistoryAppend[] => {
  const transactions = loadCdnowTransactions('sample');
  const ids = [...new Set(transactions.map((t) => t.customerId))].slice(0, customers);
  const kept = new Set(ids);
  return cdnowEvents(transactions.filter((t) => kept.has(t.customerId)));
};

/**
 * Checks that every projection, run by the runner on the given event store and read-model store, ends with exactly
 * the read model `foldProjection` computes in memory: over the CDNOW sample and over generated histories, with
 * batch sizes chosen at random.
 *
 * @example
 * projectionEquivalenceSuite('postgres', { createStores, projections: [profileProjection, complaintsByProduct] });
 */
export const projectionEquivalenceSuite = <TProjections extends readonly AnyProjection[]>(
  name: string,
  options: ProjectionEquivalenceOptions<TProjections>,
): void => {
  const { createStores, projections } = options;
  const customers = options.cdnowCustomers ?? Number.POSITIVE_INFINITY;
  describe(`projection equivalence: ${name}`, { timeout: options.timeout ?? 120_000 }, () => {
    if (customers > 0) {
      describe('given the CDNOW sample', () => {
        let stores: EquivalenceStores | undefined;
        beforeAll(async () => {
          stores = await createStores();
          await appendHistory(stores.eventStore, cdnowHistory(customers));
        }, options.timeout ?? 120_000);
        afterAll(async () => {
          await stores?.teardown?.();
        });
        for (const projection of projections) {
          it(`${projection.name} v${projection.version} runs to the same read model as its in-memory fold`, () =>
            expectRunnerMatchesFold(projection, stores!, 500));
        }
      });
    }

    const runsToFold = (histories: fc.Arbitrary<HistoryAppend[]>) =>
      fc.assert(
        fc.asyncProperty(histories, fc.integer({ min: 1, max: 25 }), async (history, batchSize) => {
          const stores = await createStores();
          try {
            await appendHistory(stores.eventStore, history, 7);
            for (const projection of projections)
              await expectRunnerMatchesFold(projection, stores, batchSize);
          } finally {
            await stores.teardown?.();
          }
        }),
        { numRuns: options.numRuns ?? 10 },
      );

    describe('given any history of touchpoints', () => {
      it('every projection runs to the same read model as its in-memory fold, whatever the batch size', () =>
        runsToFold(options.histories ?? arbitraryCustomerAppends()));
    });

    describe('given customers merged and given back by unmerges', () => {
      it('every projection runs to the same read model as its in-memory fold, aliases removed included', () =>
        runsToFold(options.identityHistories ?? arbitraryIdentityAppends()));
    });
  });
};
