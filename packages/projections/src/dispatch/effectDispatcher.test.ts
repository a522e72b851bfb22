import { createFakeClock, isRapportError, RapportError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { defineReactor } from '../definition/defineReactor';
import type { OutboxEntry } from '../effects/outbox';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { createProjectionRunner } from '../runner/projectionRunner';
import { appendAll, minute, openStore } from '../test/harness';
import { creditRoute, thanksReactor } from '../test/reactors';
import type { OutboundMessage } from './dispatcherOptions';
import { createEffectDispatcher } from './effectDispatcher';

/** A store with the thanks reactor's effects committed: two credits for `a`, and a nudge when its timer fired. */
const setUp = async () => {
  const clock = createFakeClock(minute(60));
  const store = openStore();
  const readModels = createInMemoryReadModelStore({ freeze: true });
  await appendAll(store, [
    { type: 'Touched', key: 'a', at: minute(1), data: { n: 3, remindInMs: 60_000 } },
    { type: 'Touched', key: 'b', at: minute(2) },
  ]);
  const runner = createProjectionRunner({
    projection: thanksReactor(),
    eventStore: store,
    readModels,
    clock,
    tickIntervalMs: 0,
  });
  runner.start();
  await runner.waitForPosition(2n);
  await runner.tick();
  await runner.stop();
  return { clock, store, readModels };
};

const credits = async (store: ReturnType<typeof openStore>, key: string) =>
  (await store.readStream(`credit-${key}`)).events.map((event) => [
    event.data,
    event.metadata.idempotencyKey,
  ]);

describe('the effect dispatcher', () => {
  it('executes each command once through its decider, with the effect id as idempotency key and the cause as metadata', async () => {
    const { clock, store, readModels } = await setUp();
    const sent: OutboundMessage[] = [];
    const dispatcher = createEffectDispatcher({
      outbox: readModels.outbox,
      eventStore: store,
      commands: { Credit: creditRoute },
      send: async (message) => {
        sent.push(message);
      },
      reactors: [thanksReactor()],
      clock,
    });
    expect(await dispatcher.drain()).toEqual({ sent: 4, failed: 0, dead: 0 });
    const [first] = (await store.readAll()).events;
    const stream = (await store.readStream('credit-a')).events;
    expect(stream.map((event) => event.data)).toEqual([{ points: 1 }, { points: 3 }]);
    expect(stream[0]?.metadata).toMatchObject({
      idempotencyKey: `thanks:a:e-${first!.id}:Credit`,
      causationId: first!.id,
      actor: 'reactor:thanks',
      occurredAt: minute(1),
    });
    expect(sent.map((message) => [message.id, message.type, message.attempt])).toEqual([
      [`thanks:a:t-remind@${minute(2)}:Nudge`, 'Nudge', 1],
    ]);
    expect(await dispatcher.drain()).toEqual({ sent: 0, failed: 0, dead: 0 });
  });

  it('makes a second execution harmless: a dispatcher that died before recording leaves its leases to run out', async () => {
    const { clock, store, readModels } = await setUp();
    const sent: string[] = [];
    const options = {
      eventStore: store,
      commands: { Credit: creditRoute },
      send: async (message: OutboundMessage) => {
        sent.push(message.id);
      },
      clock,
      leaseMs: 1000,
    };
    const dying = createEffectDispatcher({
      ...options,
      outbox: {
        ...readModels.outbox,
        settle: async () => {
          throw new Error('process killed before the outcome was recorded');
        },
      },
    });
    await expect(dying.drain()).rejects.toThrow('process killed');
    const survivor = createEffectDispatcher({ ...options, outbox: readModels.outbox });
    expect(await survivor.drain()).toEqual({ sent: 0, failed: 0, dead: 0 });
    clock.advance(1000);
    expect(await survivor.drain()).toEqual({ sent: 4, failed: 0, dead: 0 });
    expect(await credits(store, 'a')).toHaveLength(2);
    expect(await credits(store, 'b')).toHaveLength(1);
    expect(sent).toEqual([`thanks:a:t-remind@${minute(2)}:Nudge`, `thanks:a:t-remind@${minute(2)}:Nudge`]);
  });

  it('retries a failing message with growing, jittered waits, goes dead after the last attempt, and can be retried by hand', async () => {
    const { clock, store, readModels } = await setUp();
    let failing = true;
    const attempts: number[] = [];
    const dispatcher = createEffectDispatcher({
      outbox: readModels.outbox,
      eventStore: store,
      commands: { Credit: creditRoute },
      send: async (message) => {
        attempts.push(message.attempt);
        if (failing) throw new Error('smtp 451');
      },
      clock,
      maxAttempts: 4,
      backoff: { initialMs: 1000, maxMs: 3000 },
      random: () => 1,
    });
    await dispatcher.drain();
    const id = `thanks:a:t-remind@${minute(2)}:Nudge`;
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const entry = (await readModels.outbox.get(id))!;
      waits.push(Date.parse(entry.dueAt) - clock.now().getTime());
      clock.advance(Date.parse(entry.dueAt) - clock.now().getTime());
      await dispatcher.drain();
    }
    expect(waits).toEqual([1000, 2000, 3000]);
    const dead = (await readModels.outbox.get(id)) as OutboxEntry;
    expect(dead.status).toBe('dead');
    expect(dead.history.map((line) => line.what)).toEqual(['created', 'failed', 'failed', 'failed', 'dead']);
    expect(dead.history[1]).toMatchObject({ attempt: 1, error: { message: 'smtp 451', code: undefined } });
    expect(attempts).toEqual([1, 2, 3, 4]);
    failing = false;
    await dispatcher.retry(id);
    expect(await dispatcher.drain()).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect((await readModels.outbox.get(id))?.history.map((line) => line.what).slice(-2)).toEqual([
      'retried',
      'sent',
    ]);
    // nothing is handed over again after the acknowledgement
    clock.advance(24 * 60 * 60_000);
    await dispatcher.drain();
    expect(attempts).toHaveLength(5);
  });

  it('gives up at once on a permanent refusal (a command the decider rejects, a sender’s validation error)', async () => {
    const { clock, store, readModels } = await setUp();
    const dispatcher = createEffectDispatcher({
      outbox: readModels.outbox,
      eventStore: store,
      commands: {
        Credit: {
          ...creditRoute,
          decider: {
            ...creditRoute.decider,
            decide: () => {
              throw new RapportError('IllegalState', 'the account is closed');
            },
          },
        },
      },
      send: async () => {
        throw new RapportError('Validation', 'no such address');
      },
      clock,
    });
    expect(await dispatcher.drain()).toEqual({ sent: 0, failed: 0, dead: 4 });
    const dead = (await readModels.outbox.list({ status: 'dead' })).entries;
    expect(dead.map((entry) => entry.history.at(-1))).toContainEqual(
      expect.objectContaining({
        what: 'dead',
        error: { message: 'the account is closed', code: 'IllegalState' },
      }),
    );
  });

  it('refuses, when created, a reactor command with no route or messages with no sender, naming the reactor', () => {
    const outbox = createInMemoryReadModelStore().outbox;
    const attempt = (options: Partial<Parameters<typeof createEffectDispatcher>[0]>) => {
      try {
        createEffectDispatcher({ outbox, ...options });
      } catch (error) {
        return isRapportError(error, 'Configuration')
          ? error.message
          : `not a Configuration error: ${String(error)}`;
      }
      return 'created';
    };
    expect(attempt({ reactors: [thanksReactor()], send: async () => {} })).toContain(
      'reactor thanks emits commands with no route in commands: Credit',
    );
    expect(
      attempt({ reactors: [thanksReactor()], eventStore: openStore(), commands: { Credit: creditRoute } }),
    ).toContain('reactor thanks emits messages (Nudge) but no send function was given');
    expect(attempt({ commands: { Credit: creditRoute } })).toContain('eventStore is required');
    expect(
      attempt({ commands: { Credit: { streamId: () => 'x' } as never }, eventStore: openStore() }),
    ).toContain('commands.Credit must be { decider, streamId(command) }');
    expect(attempt({ outbox: {} as never })).toContain('outbox must be an outbox');
    expect(attempt({ maxAttempts: 0 })).toContain('maxAttempts must be an integer from 1');
  });

  it('routes a command type named like an Object.prototype member, __proto__ included', () => {
    const emitting = (type: string) =>
      defineReactor({
        name: 'odd',
        version: 1,
        handles: ['Touched'],
        emits: { commands: [type] },
        init: () => ({}),
        evolve: (state) => state,
      });
    for (const type of ['__proto__', 'constructor', 'toString']) {
      // a route under an own key, as `JSON.parse` or a computed key makes it
      const commands = { [type]: creditRoute };
      const create = () =>
        createEffectDispatcher({
          outbox: createInMemoryReadModelStore().outbox,
          eventStore: openStore(),
          commands,
          reactors: [emitting(type)],
        });
      expect(create).not.toThrow();
    }
  });

  it('runs in the background once started, woken by hand, and stops after its round', async () => {
    const { clock, store, readModels } = await setUp();
    const sent: string[] = [];
    const dispatcher = createEffectDispatcher({
      outbox: readModels.outbox,
      eventStore: store,
      commands: { Credit: creditRoute },
      send: async (message) => {
        sent.push(message.id);
      },
      clock,
      pollIntervalMs: 60_000,
    });
    dispatcher.start();
    for (
      let i = 0;
      i < 100 && (await readModels.outbox.list({ status: 'pending' })).entries.length > 0;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await dispatcher.stop();
    expect(sent).toHaveLength(1);
    expect((await readModels.outbox.list({ status: 'sent' })).entries).toHaveLength(4);
  });
});
