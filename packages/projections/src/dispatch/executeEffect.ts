import { type EventStore, handleCommand, isRapportError, RapportError } from '@rapport/core';
import type { EffectError, OutboxEntry } from '../effects/outbox';
import type { AnyCommandRoute, MessageSender } from './dispatcherOptions';

/** What one attempt came to. */
export type Attempt =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: EffectError; readonly permanent: boolean };

/** Refusals that another try cannot change: the effect goes dead at once. */
const PERMANENT = new Set(['Validation', 'IllegalState', 'NotFound', 'Configuration']);

const failure = (error: unknown): Attempt => ({
  ok: false,
  error: {
    message: error instanceof Error ? error.message : String(error),
    code: isRapportError(error) ? error.code : undefined,
  },
  permanent: isRapportError(error) && PERMANENT.has(error.code),
});

/** What the dispatcher executes effects with. */
export interface Executors {
  readonly eventStore: EventStore | undefined;
  readonly commands: Readonly<Record<string, AnyCommandRoute>>;
  readonly send: MessageSender | undefined;
}

const unroutable = (entry: OutboxEntry, what: string) =>
  new RapportError('Configuration', `dispatcher: ${what} (effect ${entry.id} of reactor ${entry.reactor})`, {
    data: { id: entry.id, reactor: entry.reactor, type: entry.type },
  });

/**
 * Executes one effect: a command through `handleCommand` on its route's decider with the effect id as idempotency key
 * (so a second execution appends nothing), or a message through the sender. Never throws: it says how it went.
 */
export const executeEffect = async (executors: Executors, entry: OutboxEntry): Promise<Attempt> => {
  try {
    if (entry.kind === 'command') {
      const route = Object.hasOwn(executors.commands, entry.type)
        ? executors.commands[entry.type]
        : undefined;
      if (route === undefined) throw unroutable(entry, `no route for command type ${entry.type}`);
      if (executors.eventStore === undefined) throw unroutable(entry, 'commands need an eventStore');
      const command = { type: entry.type, data: entry.payload } as never;
      const causationId = entry.cause.eventId;
      await handleCommand(executors.eventStore, route.decider, command, {
        streamId: route.streamId(command),
        idempotencyKey: entry.id,
        metadata: {
          occurredAt: entry.cause.at,
          actor: `reactor:${entry.reactor}`,
          ...(causationId === undefined ? {} : { causationId }),
          ...(entry.cause.correlationId === undefined ? {} : { correlationId: entry.cause.correlationId }),
          ...route.metadata?.(entry),
        },
        ...(route.snapshots === undefined ? {} : { snapshots: route.snapshots }),
      });
    } else {
      if (executors.send === undefined) throw unroutable(entry, 'messages need a send function');
      await executors.send({
        id: entry.id,
        type: entry.type,
        payload: entry.payload,
        reactor: entry.reactor,
        key: entry.key,
        cause: entry.cause,
        attempt: entry.attempts + 1,
      });
    }
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
};
