import type { RecordedEvent } from '@rapport/core';
import type { Json } from './json';

/** A timer a projection asked for: it fires for one document when the watermark passes `at`. */
export interface Timer {
  /** Unique per document: scheduling the same name again replaces the earlier timer. */
  readonly name: string;
  /** Due time, ISO-8601 UTC. */
  readonly at: string;
  readonly payload?: Json;
}

/** A timer to give a released document (`ctx.release`), as `ctx.schedule` takes it. */
export interface TimerRequest {
  readonly at: Date | string;
  readonly name: string;
  readonly payload?: Json;
}

/** What `evolve` and `onTimer` may know and ask for besides state and event. Everything in it is deterministic. */
export interface ProjectionContext {
  /** Event time: the event's `occurredAt`, or the timer's due time when a timer fires. */
  readonly now: Date;
  /** The key of the document being evolved. */
  readonly key: string;
  /** The event being applied; undefined when a timer fires. */
  readonly event: RecordedEvent | undefined;
  /** Asks to be woken (via `onTimer`) for this document when the watermark reaches `at`; replaces a timer of the same name. */
  schedule(at: Date | string, name: string, payload?: Json): void;
  /** Cancels this document's timer of that name, if any. */
  cancel(name: string): void;
  /** A document this event declared in `related(event)`, as it was before this event; undefined if absent. */
  related<TState>(key: string): TState | undefined;
  /** Routes every later event keyed `fromKey` to this document (used when records merge); the `fromKey` document is deleted. */
  absorb(fromKey: string): void;
  /**
   * Undoes an absorb: `key` (absorbed into this document, directly or through other absorbed keys) becomes a document
   * of its own again holding `document`, with exactly the given `timers`; its later events go to it, and so do those
   * of keys absorbed into it before. Throws an IllegalState error unless `key` resolves to this document.
   */
  release(key: string, document: unknown, timers?: readonly TimerRequest[]): void;
  /**
   * The key of the document events keyed `key` go to: `key` itself unless it was absorbed (followed transitively), as
   * before this call (its own absorbs and releases apply when it returns).
   */
  resolve(key: string): string;
}

const ignore = (): void => undefined;

/**
 * A context for calling a projection's `evolve` by hand, outside any runner: `now` is the event's `occurredAt`, and
 * timers, absorbs and releases are ignored (no document but the one you pass exists). Measuring a fold's own cost
 * or checking what one event does to a document; `foldProjection` is the way to fold a history with all of it.
 *
 * @example
 * const next = profileProjection.evolve(profile, event, detachedContext(event.metadata.customerId!, event));
 */
export const detachedContext = (key: string, event: RecordedEvent): ProjectionContext => ({
  now: new Date(event.metadata.occurredAt),
  key,
  event,
  schedule: ignore,
  cancel: ignore,
  related: () => undefined,
  absorb: ignore,
  release: ignore,
  resolve: (id) => id,
});
