import { createFakeClock } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { type AnyProjection, defineReactor } from '../definition/defineReactor';
import { effectId } from '../effects/effect';
import { foldProjection } from '../fold/foldProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import type { ReadModelStore } from '../readModel/readModelStore';
import { appendAll, everyEntry, minute, openStore, startAtHead } from '../test/harness';
import { thanksReactor } from '../test/reactors';

const clock = createFakeClock(minute(60));

const allEffects = (readModels: ReadModelStore) => everyEntry(readModels.outbox);

const run = async <TState>(
  projection: AnyProjection<TState>,
  store = openStore(),
  readModels = createInMemoryReadModelStore({ freeze: true }),
) => {
  const runner = await startAtHead({ projection, eventStore: store, readModels, clock });
  await runner.stop();
  return { readModels, runner };
};

describe('a reactor on the runner', () => {
  it('commits the effects of each event with its documents, each with a deterministic id and its cause', async () => {
    const store = openStore();
    const [first, second] = await appendAll(store, [
      { type: 'Touched', key: 'a', at: minute(1) },
      { type: 'Touched', key: 'b', at: minute(2), data: { n: 5, remindInMs: 60_000 } },
    ]);
    const { readModels } = await run(thanksReactor(), store);
    const effects = await allEffects(readModels);
    expect(effects.map((effect) => effect.id)).toEqual([
      `thanks:a:e-${first!.id}:Credit`,
      `thanks:b:e-${second!.id}:Credit`,
      `thanks:b:e-${second!.id}:bonus`,
      `thanks:b:t-remind@${minute(3)}:Nudge`,
    ]);
    expect(effects[2]).toMatchObject({
      kind: 'command',
      type: 'Credit',
      payload: { key: 'b', points: 5 },
      status: 'pending',
      cause: { eventId: second!.id, eventType: 'Touched', position: second!.globalPosition, at: minute(2) },
    });
    expect(effects[3]).toMatchObject({
      kind: 'message',
      type: 'Nudge',
      cause: {
        eventId: undefined,
        timer: { name: 'remind', at: minute(3) },
        position: second!.globalPosition,
      },
    });
    expect(await readModels.get('thanks_v1', 'b')).toEqual({ touches: 1, nudged: 1 });
  });

  it('derives the same effects again in a replay, a rebuild and a new version, and adds none', async () => {
    const store = openStore();
    await appendAll(store, [
      { type: 'Touched', key: 'a', at: minute(1), data: { remindInMs: 60_000 } },
      { type: 'Touched', key: 'a', at: minute(5), data: { n: 2 } },
    ]);
    const { readModels } = await run(thanksReactor(), store);
    const before = await allEffects(readModels);
    await readModels.dropCollection('thanks_v1');
    await run(thanksReactor(), store, readModels);
    await run(thanksReactor(2), store, readModels);
    expect(await allEffects(readModels)).toEqual(before);
    expect(
      foldProjection(thanksReactor(), (await store.readAll()).events, { until: clock.now() }).effects.map(
        (e) => e.id,
      ),
    ).toEqual(before.map((effect) => effect.id));
  });

  it('emits once for a timer that fires again at the same time after an event rescheduled it there (regression)', async () => {
    // fast-check drew this: the reminder fired at 01:36, the event at 01:36 set it to 01:36 again, and the two firings'
    // effects shared an id, which the store refused, so the runner retried the commit forever
    const store = openStore();
    await appendAll(store, [
      { type: 'Touched', key: 'd', at: '2025-01-01T01:31:00.000Z', data: { remindInMs: 300_000 } },
      { type: 'Touched', key: 'd', at: '2025-01-01T01:36:00.000Z', data: { remindInMs: 0 } },
    ]);
    const { readModels, runner } = await run(thanksReactor(), store);
    expect(runner.status().lastError).toBeUndefined();
    const nudges = (await allEffects(readModels)).filter((effect) => effect.type === 'Nudge');
    expect(nudges.map((effect) => effect.id)).toEqual(['thanks:d:t-remind@2025-01-01T01:36:00.000Z:Nudge']);
    expect(
      foldProjection(thanksReactor(), (await store.readAll()).events).effects.filter(
        (e) => e.type === 'Nudge',
      ),
    ).toHaveLength(1);
  });

  it('refuses an undeclared type, a payload that is not JSON or a second effect of one name, naming reactor and field, and keeps nothing of that call', async () => {
    const cases: [
      string,
      (ctx: Parameters<Parameters<typeof defineReactor>[0]['evolve']>[2]) => void,
      string,
    ][] = [
      [
        'an undeclared command type',
        (ctx) => ctx.command({ type: 'Debit', data: {} }),
        'reactor r: command.type must be one of emits.commands [Credit] (got "Debit")',
      ],
      [
        'a message type given as a command',
        (ctx) => ctx.command({ type: 'Nudge', data: {} }),
        'command.type',
      ],
      [
        'a bigint in the data',
        (ctx) => ctx.command({ type: 'Credit', data: { n: 1n as never } }),
        'reactor r: command.data.n must be JSON (got 1n)',
      ],
      [
        'a date in a payload',
        (ctx) => ctx.send({ type: 'Nudge', payload: { when: new Date() as never } }),
        'message.payload.when must be a plain object, array or JSON scalar (got a Date)',
      ],
      [
        'NaN in a nested array',
        (ctx) => ctx.send({ type: 'Nudge', payload: { xs: [1, Number.NaN] } }),
        'message.payload.xs[1] must be a finite number',
      ],
      [
        'a bad notBefore',
        (ctx) => ctx.send({ type: 'Nudge', payload: null, notBefore: 'soon' }),
        'message.notBefore',
      ],
      [
        'two effects of one name',
        (ctx) => {
          ctx.command({ type: 'Credit', data: 1 });
          ctx.command({ type: 'Credit', data: 2 });
        },
        'options.name Credit is emitted twice for event',
      ],
    ];
    for (const [, emit, message] of cases) {
      const reactor = defineReactor({
        name: 'r',
        version: 1,
        handles: ['Touched'],
        emits: { commands: ['Credit'], messages: ['Nudge'] },
        failurePolicy: 'skip',
        init: () => ({ n: 0 }),
        evolve: (state, event, ctx) => {
          if ((event.data as { bad?: boolean }).bad) {
            ctx.command({ type: 'Credit', data: 'kept only if the call returns' }, { name: 'first' });
            emit(ctx);
          }
          return { n: state.n + 1 };
        },
      });
      const store = openStore();
      await appendAll(store, [
        { type: 'Touched', key: 'a', at: minute(1), data: { bad: true } },
        { type: 'Touched', key: 'a', at: minute(2) },
      ]);
      const { readModels } = await run(reactor, store);
      const [letter] = await readModels.listDeadLetters('r_v1');
      expect(letter?.error.message).toContain(message);
      expect(await allEffects(readModels)).toEqual([]);
      expect(await readModels.get('r_v1', 'a')).toEqual({ n: 1 });
    }
  });

  it('makes ctx.command a typed error in a plain projection, and lists a what-if run’s effects without executing any', () => {
    const reactor = thanksReactor();
    const events = [{ ...thanksEvent(1) }];
    const folded = foldProjection(reactor, events);
    expect(folded.effects.map((effect) => [effect.type, effect.payload])).toEqual([
      ['Credit', { key: 'a', points: 1 }],
    ]);
    const plain = foldProjection(
      {
        name: 'plain',
        version: 1,
        handles: ['Touched'],
        init: () => 0,
        evolve: (_state: number, _event: unknown, ctx: unknown) => {
          (ctx as unknown as { command: (c: unknown) => void }).command({ type: 'Credit', data: {} });
          return 1;
        },
      },
      events,
    );
    expect(plain.stoppedBy?.error.message).toContain('projection plain: ctx.command needs a reactor');
  });
});

const thanksEvent = (position: number) => ({
  id: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
  type: 'Touched',
  data: {},
  streamId: 'doc-a',
  streamPosition: 0n,
  globalPosition: BigInt(position),
  metadata: {
    customerId: 'a',
    occurredAt: minute(position),
    recordedAt: minute(position),
    tenantId: 'default',
    schemaVersion: 1,
  },
});

describe('effect ids', () => {
  it('stay short for a long key, and differ for keys that differ', () => {
    const cause = {
      eventId: '00000000-0000-7000-8000-000000000001',
      eventType: 'Touched',
      position: 1n,
      at: minute(1),
      timer: undefined,
      correlationId: undefined,
    };
    const long = 'é'.repeat(512);
    const ids = [long, `${long}x`, 'a:b', 'a%3Ab', '%~0123456789abcdef'].map((key) =>
      effectId('r', key, cause, 'Send'),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThan(400);
    expect(ids[2]).toBe(`r:a%3Ab:e-${cause.eventId}:Send`);
  });
});
