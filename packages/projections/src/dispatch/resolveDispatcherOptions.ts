import { type Clock, type EventStore, maxTimerMs, readOptions, systemClock } from '@rapport/core';
import { isReactor } from '../definition/defineReactor';
import type { OutboxStore } from '../effects/outbox';
import type { AnyCommandRoute, EffectDispatcherOptions, MessageSender } from './dispatcherOptions';

const randomOwner = () => `dispatcher-${Math.random().toString(36).slice(2, 10)}`;

/**
 * The dispatcher's options with defaults filled in; throws a Configuration error naming the option, and for each
 * listed reactor a command type with no route or messages with no sender.
 */
export const resolveDispatcherOptions = (options: EffectDispatcherOptions) => {
  const factory = 'createEffectDispatcher';
  const read = readOptions(factory, options);
  const outbox = read.service<OutboxStore>(
    'outbox',
    ['claim', 'settle', 'get', 'list', 'retry'],
    'an outbox (readModels.outbox)',
  );
  const eventStore = read.service<EventStore | undefined>(
    'eventStore',
    ['readStream', 'appendToStream'],
    'an EventStore',
    true,
  );
  const rawCommands = read.raw('commands') ?? {};
  if (typeof rawCommands !== 'object' || rawCommands === null || Array.isArray(rawCommands))
    throw read.error('commands must be an object with a route per command type', rawCommands);
  // keyed by command type, read with Object.hasOwn: no prototype, so a type `__proto__` is a key like any other
  const commands: Record<string, AnyCommandRoute> = Object.create(null);
  for (const [type, route] of Object.entries(rawCommands as Record<string, unknown>)) {
    const decider = (route as { decider?: Record<string, unknown> } | null)?.decider;
    const usable =
      typeof decider === 'object' &&
      decider !== null &&
      ['initialState', 'evolve', 'decide'].every((fn) => typeof decider[fn] === 'function') &&
      typeof (route as { streamId?: unknown }).streamId === 'function';
    if (!usable) throw read.error(`commands.${type} must be { decider, streamId(command) }`, route);
    commands[type] = route as AnyCommandRoute;
  }
  if (Object.keys(commands).length > 0 && eventStore === undefined)
    throw read.error('eventStore is required to execute commands');
  const send =
    read.raw('send') === undefined ? undefined : read.callback<MessageSender>('send', async () => {});
  const reactors = read.raw('reactors') ?? [];
  if (!Array.isArray(reactors))
    throw read.error('reactors must be an array of reactor definitions', reactors);
  for (const reactor of reactors) {
    if (reactor === null || typeof reactor !== 'object' || !isReactor(reactor))
      throw read.error('reactors must list reactor definitions (from defineReactor)', reactor);
    const missing = (reactor.emits.commands ?? []).filter((type) => !Object.hasOwn(commands, type));
    if (missing.length > 0)
      throw read.error(
        `reactor ${reactor.name} emits commands with no route in commands: ${missing.join(', ')}`,
      );
    if ((reactor.emits.messages ?? []).length > 0 && send === undefined)
      throw read.error(
        `reactor ${reactor.name} emits messages (${reactor.emits.messages!.join(', ')}) but no send function was given`,
      );
  }
  const backoff = read.nested('backoff');
  const clock = read.service<Clock | undefined>('clock', ['now'], 'a Clock', true) ?? systemClock;
  const rawOwner = read.optionalString('owner', /^.{1,200}$/u, 'a name of 1 to 200 characters');
  return {
    outbox,
    eventStore,
    commands,
    send,
    clock,
    owner: rawOwner ?? randomOwner(),
    maxAttempts: read.integer('maxAttempts', 10, { min: 1, max: 1000 }),
    backoff: {
      initialMs: backoff.integer('initialMs', 1000, { min: 1, max: maxTimerMs }),
      maxMs: backoff.integer('maxMs', 15 * 60_000, { min: 1, max: maxTimerMs }),
    },
    batchSize: read.integer('batchSize', 50, { min: 1, max: 10_000 }),
    concurrency: read.integer('concurrency', 8, { min: 1, max: 1000 }),
    leaseMs: read.integer('leaseMs', 60_000, { min: 1, max: maxTimerMs }),
    pollIntervalMs: read.integer('pollIntervalMs', 1000, { min: 1, max: maxTimerMs }),
    random: read.callback('random', Math.random),
    onError: read.callback('onError', (_error: unknown) => undefined),
  };
};
