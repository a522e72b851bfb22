import { arbitraryUnicodeEdgeString, arbitraryUserKey, hostileKeys } from '@rapport/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidationError } from '../errors/validationError';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { createCustomerService } from './customerService';
import { customerDecider } from './decider';
import { evolveCustomer, initialCustomerState } from './state';
import { customerStateFromJSON, customerStateToJSON } from './stateJson';

const register = { type: 'RegisterCustomer' as const, data: { customerId: 'c1', kind: 'customer' as const } };

/** Any key a caller may send: ordinary and hostile names (often repeated), odd Unicode, and any string at all. */
const anyKey = fc.oneof(
  { weight: 4, arbitrary: arbitraryUserKey({ pool: ['vip', 'eu', 'tier'] }) },
  { weight: 1, arbitrary: arbitraryUnicodeEdgeString() },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
);

const step = fc.record({
  type: fc.constantFrom('AddTag' as const, 'RemoveTag' as const, 'SetCustomAttribute' as const),
  key: anyKey,
  value: fc.integer({ min: 0, max: 3 }),
});

describe('the customer decider, on tags named like Object.prototype members', () => {
  it('records AddTag and RemoveTag of each of them, and keeps them through its JSON', () => {
    let state = evolveCustomer(initialCustomerState(), {
      type: 'CustomerRegistered',
      data: { kind: 'customer' },
    });
    for (const tag of hostileKeys) {
      const added = customerDecider.decide({ type: 'AddTag', data: { customerId: 'c1', tag } }, state);
      expect(added).toEqual([{ type: 'TagAdded', data: { tag } }]);
      state = added.reduce(evolveCustomer, state);
    }
    const back = customerStateFromJSON(JSON.parse(JSON.stringify(customerStateToJSON(state))));
    expect(Object.keys(customerStateToJSON(back).tags).sort()).toEqual([...hostileKeys].sort());
    for (const tag of hostileKeys) {
      expect(customerDecider.decide({ type: 'AddTag', data: { customerId: 'c1', tag } }, back)).toEqual([]);
      expect(customerDecider.decide({ type: 'RemoveTag', data: { customerId: 'c1', tag } }, back)).toEqual([
        { type: 'TagRemoved', data: { tag } },
      ]);
    }
  });
});

describe('given any sequence of tag and attribute commands with any keys', () => {
  it('each command records exactly its key, or is refused with a typed error and appends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const customers = createCustomerService(createInMemoryEventStore());
        await customers.execute(register);
        const tags = new Set<string>();
        const attributes = new Map<string, number>();
        for (const { type, key, value } of steps) {
          const before = (await customers.history('c1')).length;
          const data =
            type === 'SetCustomAttribute' ? { customerId: 'c1', key, value } : { customerId: 'c1', tag: key };
          let events: readonly { readonly type: string; readonly data: unknown }[];
          try {
            events = (await customers.execute({ type, data } as never)).events;
          } catch (error) {
            // only a key the schema refuses (empty, too long, not a valid attribute name) is refused
            expect(isValidationError(error)).toBe(true);
            expect((await customers.history('c1')).length).toBe(before);
            continue;
          }
          const expected =
            type === 'SetCustomAttribute'
              ? [{ type: 'CustomAttributeSet', data: { key, value } }]
              : type === 'AddTag'
                ? tags.has(key)
                  ? []
                  : [{ type: 'TagAdded', data: { tag: key } }]
                : tags.has(key)
                  ? [{ type: 'TagRemoved', data: { tag: key } }]
                  : [];
          expect(events.map((event) => ({ type: event.type, data: event.data }))).toEqual(expected);
          if (type === 'AddTag') tags.add(key);
          else if (type === 'RemoveTag') tags.delete(key);
          else attributes.set(key, value);
        }
        const state = await customers.state('c1');
        expect(Object.keys(customerStateToJSON(state).tags).sort()).toEqual([...tags].sort());
        const recorded = new Map<string, unknown>();
        for (const event of await customers.history('c1'))
          if (event.type === 'CustomAttributeSet') {
            const { key, value } = event.data as { key: string; value: unknown };
            recorded.set(key, value);
          }
        expect(recorded).toEqual(attributes);
      }),
      { numRuns: 150 },
    );
  });
});
