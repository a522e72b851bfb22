import type { AppendMetadata, Clock, Decider, DomainEvent, EventStore, SnapshotStore } from '@rapport/core';
import type { ReactorEmits } from '../definition/defineReactor';
import type { Json } from '../definition/json';
import type { EffectCause } from '../effects/effect';
import type { OutboxEntry, OutboxStore } from '../effects/outbox';

/** How the dispatcher runs one command type: the decider that decides it and the stream it is decided on. */
export interface CommandRoute<TCommand = never, TState = unknown, TEvent extends DomainEvent = DomainEvent> {
  readonly decider: Decider<TCommand, TState, TEvent>;
  /** The stream holding the decider's consistency boundary for this command, e.g. `loyalty-${data.accountId}`. */
  readonly streamId: (command: TCommand) => string;
  /** Metadata added to what the dispatcher stamps (occurredAt, causationId, correlationId, actor). */
  readonly metadata?: (effect: OutboxEntry) => AppendMetadata;
  readonly snapshots?: SnapshotStore<TState>;
}

/** A route of any decider: one table holds routes whose commands, states and events all differ. */
// biome-ignore lint/suspicious/noExplicitAny: each route is checked where it is written; the table only stores them
export type AnyCommandRoute = CommandRoute<any, any, any>;

/** A message handed to the sender. `id` is the idempotency key: the same message may come again, never another. */
export interface OutboundMessage {
  readonly id: string;
  readonly type: string;
  readonly payload: Json;
  readonly reactor: string;
  readonly key: string;
  readonly cause: EffectCause;
  /** 1 on the first try. */
  readonly attempt: number;
}

/**
 * Delivers one message; resolving acknowledges it (it is never handed over again). Throwing a `RapportError` with
 * code `Validation`, `IllegalState`, `NotFound` or `Configuration` gives up at once (the message goes dead);
 * any other error is retried with backoff.
 */
export type MessageSender = (message: OutboundMessage) => Promise<void>;

/** Exponential backoff with jitter: attempt n waits a random time in [d/2, d], d = min(maxMs, initialMs × 2^(n-1)). */
export interface BackoffOptions {
  /** Default 1000. */
  readonly initialMs?: number;
  /** Default 15 minutes. */
  readonly maxMs?: number;
}

/** Options of `createEffectDispatcher`. */
export interface EffectDispatcherOptions {
  /** The outbox reactors commit to: `readModels.outbox`. */
  readonly outbox: OutboxStore;
  /** Where commands are executed; required with `commands`. */
  readonly eventStore?: EventStore;
  /** A route per command type. */
  readonly commands?: Readonly<Record<string, AnyCommandRoute>>;
  /** Delivers messages; required when a message is to be dispatched. */
  readonly send?: MessageSender;
  /**
   * The reactors whose effects this dispatcher executes: checked at creation, so a command type without a route or
   * messages without a sender is a Configuration error naming the reactor, not an effect that goes dead later.
   */
  readonly reactors?: readonly { readonly name: string; readonly emits: ReactorEmits }[];
  /** Attempts before an effect goes dead; default 10. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  /** Effects claimed per round; default 50. */
  readonly batchSize?: number;
  /** Effects executed at once within a round; default 8. */
  readonly concurrency?: number;
  /** How long a claim keeps others off an effect (a dispatcher that dies gives it up after this); default 60 s. */
  readonly leaseMs?: number;
  /** How often a started dispatcher looks for due effects; default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Names this dispatcher in leases; default a random one. */
  readonly owner?: string;
  /** Wall-clock time for due times and backoff; default the system clock. */
  readonly clock?: Clock;
  /** Random numbers in [0, 1) for jitter; default `Math.random`. */
  readonly random?: () => number;
  /** Told of an outbox (store) error in a started dispatcher, which then waits a poll interval and goes on. */
  readonly onError?: (error: unknown) => void;
}
