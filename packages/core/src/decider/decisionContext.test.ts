import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock';
import { isValidationError } from '../errors/validationError';
import type { DomainEvent } from '../registry/defineEvent';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import type { Decider, DecisionContext } from './decider';
import { handleCommand } from './handleCommand';

/** A decider that records a tag per command and remembers the context of every decision. */
const recording = () => {
  const seen: (DecisionContext | undefined)[] = [];
  const decider: Decider<{ tag: string }, null, DomainEvent> = {
    initialState: () => null,
    evolve: (state) => state,
    decide: (command, _state, context) => {
      seen.push(context);
      return [{ type: 'TagAdded', data: { tag: command.tag } }];
    },
  };
  return { decider, seen };
};

describe('the decision context handleCommand gives', () => {
  it("is the command's occurredAt as the store records it, an offset time or a Date", async () => {
    const store = createInMemoryEventStore({ clock: createFakeClock('2026-03-01T12:00:00Z') });
    const { decider, seen } = recording();
    const streamId = 's-1';
    const first = await handleCommand(
      store,
      decider,
      { tag: 'a' },
      {
        streamId,
        metadata: { occurredAt: '2026-03-01T13:30:00+02:00' },
      },
    );
    await handleCommand(
      store,
      decider,
      { tag: 'b' },
      {
        streamId,
        metadata: { occurredAt: new Date('2026-02-01T08:00:00Z') },
      },
    );
    expect(seen).toEqual([
      { occurredAt: '2026-03-01T11:30:00.000Z' },
      { occurredAt: '2026-02-01T08:00:00.000Z' },
    ]);
    expect(first.events[0]!.metadata.occurredAt).toBe(seen[0]!.occurredAt);
  });

  it('is the given clock’s time for a command without occurredAt, the time the store then stamps', async () => {
    const clock = createFakeClock('2026-03-01T12:00:00Z');
    const store = createInMemoryEventStore({ clock });
    const { decider, seen } = recording();
    const result = await handleCommand(store, decider, { tag: 'a' }, { streamId: 's-1', clock });
    expect(seen).toEqual([{ occurredAt: '2026-03-01T12:00:00.000Z' }]);
    expect(result.events[0]!.metadata.occurredAt).toBe('2026-03-01T12:00:00.000Z');
  });

  it('refuses a malformed occurredAt before deciding, naming the field', async () => {
    const store = createInMemoryEventStore();
    const { decider, seen } = recording();
    const error = await handleCommand(
      store,
      decider,
      { tag: 'a' },
      {
        streamId: 's-1',
        metadata: { occurredAt: 'yesterday' },
      },
    ).catch((e: unknown) => e);
    expect(isValidationError(error) && error.issues.map((issue) => issue.path)).toEqual([
      'metadata.occurredAt',
    ]);
    expect(seen).toEqual([]);
    expect((await store.readStream('s-1')).exists).toBe(false);
  });

  it('is, for a repeated idempotency key, the time the first execution was recorded at', async () => {
    const clock = createFakeClock('2026-03-01T12:00:00Z');
    const store = createInMemoryEventStore({ clock });
    const { decider, seen } = recording();
    const options = { streamId: 's-1', idempotencyKey: 'k-1', clock };
    await handleCommand(store, decider, { tag: 'a' }, options);
    clock.advance(3_600_000);
    const again = await handleCommand(store, decider, { tag: 'a' }, options);
    expect(again.duplicate).toBe(true);
    expect(seen).toEqual([
      { occurredAt: '2026-03-01T12:00:00.000Z' },
      { occurredAt: '2026-03-01T12:00:00.000Z' },
    ]);
  });
});
