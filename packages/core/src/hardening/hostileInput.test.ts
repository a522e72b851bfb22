import {
  arbitraryHostileValue,
  arbitraryTouchpointEvent,
  arbitraryUnicodeEdgeString,
  typedOutcome,
} from '@rapport/testing';
import fc from 'fast-check';
import { lastValueFrom, take, timeout, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createCustomerService } from '../customer/customerService';
import { isRapportError } from '../errors/rapportError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { appendLimits } from '../store/prepareEvents';

const hostile = arbitraryHostileValue;
const unicodeEdge = arbitraryUnicodeEdgeString;
const settle = typedOutcome;

describe('given hostile input', () => {
  it('every command gets a typed error or succeeds, and a refused command appends nothing', async () => {
    const customers = createCustomerService(createInMemoryEventStore());
    await customers.execute({ type: 'RegisterCustomer', data: { customerId: 'c1', kind: 'customer' } });
    const commandTypes = [
      'RegisterCustomer',
      'RecordPurchase',
      'RecordRefund',
      'RecordTouchpoint',
      'IssueInvoice',
      'GrantConsent',
      'MergeCustomers',
      'ForgetCustomer',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostile(),
          fc.record({
            type: fc.constantFrom(...commandTypes),
            data: fc.oneof(
              hostile(),
              fc.record({ customerId: fc.oneof(fc.constant('c1'), unicodeEdge()) }, { requiredKeys: [] }),
            ),
          }),
        ),
        hostile(),
        async (command, options) => {
          const before = (await customers.history('c1')).length;
          const outcome = await settle(() => customers.execute(command as never, options as never));
          if (outcome === 'rejected') expect((await customers.history('c1')).length).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every append gets a typed error or succeeds, and a refused append writes nothing', async () => {
    const store = createInMemoryEventStore();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostile(), unicodeEdge(), fc.constant('customer-c1')),
        fc.oneof(
          hostile(),
          fc.array(
            fc.oneof(
              hostile(),
              arbitraryTouchpointEvent(),
              fc.record({ type: fc.string(), data: hostile(), metadata: hostile() }),
            ),
            { maxLength: 3 },
          ),
        ),
        fc.oneof(hostile(), fc.record({ expectedRevision: hostile() })),
        async (streamId, events, options) => {
          const head = await store.headPosition();
          const outcome = await settle(() =>
            store.appendToStream(streamId as string, events as never, options as never),
          );
          if (outcome === 'rejected') expect(await store.headPosition()).toBe(head);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('bulk appends get a typed error or succeed, all or nothing', async () => {
    const store = createInMemoryEventStore({ registry: false });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostile(),
          fc.array(fc.oneof(hostile(), fc.record({ streamId: unicodeEdge(), events: hostile() })), {
            maxLength: 3,
          }),
        ),
        async (appends) => {
          const head = await store.headPosition();
          const outcome = await settle(() => store.appendToStreams(appends as never));
          if (outcome === 'rejected') expect(await store.headPosition()).toBe(head);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every read option gets a typed error or a result, never a crash or a hang', async () => {
    const store = createInMemoryEventStore({ registry: false });
    await store.appendToStream('s', [{ type: 'X', data: {} }]);
    await fc.assert(
      fc.asyncProperty(hostile(), hostile(), async (streamId, options) => {
        await settle(() => store.readStream(streamId as string, options as never));
        await settle(() => store.readAll(options as never));
        await settle(() =>
          lastValueFrom(store.subscribeToAll(options as never).pipe(take(1), timeout(200), toArray())).catch(
            (error: unknown) => {
              if (error instanceof Error && error.name === 'TimeoutError') return [];
              throw error;
            },
          ),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('store options are checked when the store is made', async () => {
    await fc.assert(
      fc.asyncProperty(hostile(), async (options) => {
        await settle(async () => {
          const store = createInMemoryEventStore(options as never);
          await store.appendToStream('s', [{ type: 'TagAdded', data: { tag: 'x' } }]);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('given unicode edge cases in text fields', () => {
  it('records them exactly as given', async () => {
    await fc.assert(
      fc.asyncProperty(unicodeEdge(), async (text) => {
        const store = createInMemoryEventStore();
        const body = text.slice(0, 20_000);
        await store.appendToStream('customer-c1', [
          { type: 'NoteAdded', data: { noteId: 'n1', body }, metadata: { customerId: 'c1' } },
        ]);
        expect((await store.readStream('customer-c1')).events[0]!.data).toEqual({ noteId: 'n1', body });
      }),
      { numRuns: 200 },
    );
  });
});

describe('the documented limits', () => {
  it('refuse an oversized event, an oversized append and an oversized page by name', async () => {
    const store = createInMemoryEventStore({ registry: false });
    const big = await store
      .appendToStream('s', [{ type: 'X', data: { text: 'x'.repeat(appendLimits.maxEventDataLength) } }])
      .catch((e: unknown) => e);
    expect(isRapportError(big, 'Validation') && big.message).toContain(
      'X.data: must serialize to at most 262144 characters',
    );
    const many = Array.from({ length: appendLimits.maxEventsPerAppend + 1 }, () => ({ type: 'X', data: {} }));
    const tooMany = await store.appendToStream('s', many).catch((e: unknown) => e);
    expect(isRapportError(tooMany, 'LimitExceeded') && tooMany.message).toContain('at most 10000 events');
    const page = await store.readAll({ maxCount: 1_000_000 }).catch((e: unknown) => e);
    expect(isRapportError(page, 'Validation') && page.message).toContain('maxCount');
    expect(await store.headPosition()).toBe(0n);
  });
});
