import { concatMap, from, type Observable } from 'rxjs';
import { type Clock, systemClock } from '../clock';
import { isIdempotencyKeyReused } from '../errors/guards';
import { ValidationError } from '../errors/validationError';
import type { EventRegistry } from '../registry/eventRegistry';
import { touchpointRegistry } from '../registry/touchpointRegistry';
import { assertBulkAppends } from '../store/bulkEntry';
import type { EventToAppend, RecordedEvent } from '../store/envelope';
import type { AppendResult, EventStore, StreamAppend } from '../store/eventStore';
import { defaultFutureToleranceMs } from '../store/futureTolerance';
import { maxTimerMs } from '../store/maxTimerMs';
import { readOptions } from '../store/optionReader';
import { type PreparedEvent, prepareEvents } from '../store/prepareEvents';
import { validatedEvent } from '../store/validatedEvent';
import { assertSealable } from './auditPersonalFields';
import { decryptValue, encryptValue, tokenKeyVersion } from './cipher';
import type { ErasingEventStore } from './erasingStore';
import { createKeyCache } from './keyCache';
import type { KeyStore, KeySubject } from './keyStore';
import { personalRewrite } from './personalFields';
import { appendSettlingRepeats, type RepeatReader, settleRepeat } from './protectedRepeats';

/** What personal values read as once their customer's keys are destroyed. */
export const ERASED = '[erased]';

/** Options of a store that keeps personal data encrypted per customer. */
export interface ProtectedEventStoreOptions {
  /**
   * The store that holds the ciphertext, made with any registry: this store validates each event on its plain data
   * before sealing it, and the inner store takes what it seals without validating it again. This store upcasts.
   */
  readonly store: EventStore;
  readonly keyStore: KeyStore;
  /** Default the built-in touchpoint catalog; `false` accepts any JSON and protects nothing (for tests). */
  readonly registry?: EventRegistry | false;
  readonly clock?: Clock;
  /** How far an event's `occurredAt` may lead the moment it is recorded; default 5 minutes (see the inner store's). */
  readonly futureToleranceMs?: number;
  /** Must match the inner store's tenant; default `'default'`. */
  readonly tenantId?: string;
  /** How long a key lookup is cached; default 30 s (the longest a key destroyed elsewhere keeps decrypting here). */
  readonly keyCacheMs?: number;
}

/** An event store whose personal fields are encrypted at rest and can be shredded per customer. */
export interface ProtectedEventStore extends ErasingEventStore {
  /** Adds a new key version for a customer; later events use it, earlier ones stay readable. */
  rotateKey(customerId: string): Promise<void>;
}

/**
 * Wraps a store so that fields marked `personal()` in the schemas never reach it in clear: they are encrypted with
 * AES-256-GCM under a per-customer key before the append, and decrypted on every read. Forgetting a customer
 * destroys the key; the log stays immutable and the facts without personal data still count.
 */
export const createProtectedEventStore = (options: ProtectedEventStoreOptions): ProtectedEventStore => {
  const { store: inner, keyStore } = options;
  const registry = options.registry ?? touchpointRegistry;
  if (registry) assertSealable(registry);
  const clock = options.clock ?? systemClock;
  const tenantId = options.tenantId ?? 'default';
  const futureToleranceMs = readOptions('createProtectedEventStore', options).integer(
    'futureToleranceMs',
    defaultFutureToleranceMs,
    { min: 0, max: maxTimerMs },
  );
  const keys = createKeyCache(keyStore, options.keyCacheMs ?? 30_000, () => Date.now());
  const subject = (customerId: string): KeySubject => ({ tenantId, customerId });
  const context = (customerId: string) => `${tenantId}/${customerId}`;

  const seal = async (event: PreparedEvent, root: string, timed: boolean): Promise<EventToAppend> => {
    // the inner store stamps recordedAt and tenant; occurredAt passes on only if the caller gave one
    const { recordedAt: _r, tenantId: _t, occurredAt, ...rest } = event.metadata;
    const metadata = timed ? { ...rest, occurredAt } : rest;
    const schema = registry ? registry.schemaOf(event.type, event.metadata.schemaVersion) : undefined;
    const rewrite = schema && personalRewrite(schema);
    // validated here on the plain data: the inner store, whatever its registry, must not check the sealed data
    const validated = registry ? { [validatedEvent]: true } : {};
    if (!rewrite) return { id: event.id, type: event.type, data: event.data, metadata, ...validated };
    const { customerId } = event.metadata;
    if (customerId === undefined) {
      throw new ValidationError([
        {
          path: `${root}.metadata.customerId`,
          rule: 'is required to protect the personal data in this event',
        },
      ]);
    }
    const key = await keys.current(subject(customerId));
    const data = rewrite(event.data, (value) =>
      key ? encryptValue(value, key, context(customerId)) : ERASED,
    );
    return { id: event.id, type: event.type, data, metadata, ...validated };
  };

  const sealAll = async (streamId: string, events: readonly EventToAppend[]) => {
    const prepared = prepareEvents(streamId, events, {
      registry,
      now: clock.now(),
      tenantId,
      futureToleranceMs,
    });
    return Promise.all(
      prepared.map((event, i) =>
        seal(
          event,
          prepared.length === 1 ? event.type : `events[${i}]`,
          events[i]?.metadata?.occurredAt !== undefined,
        ),
      ),
    );
  };

  const reveal = async <TEvent extends RecordedEvent>(event: TEvent): Promise<TEvent> => {
    if (!registry) return event;
    const schema = registry.schemaOf(event.type, event.metadata.schemaVersion);
    const rewrite = schema && personalRewrite(schema);
    const { customerId } = event.metadata;
    if (!rewrite || customerId === undefined) return registry.upcast(event);
    const found = new Map<number, Awaited<ReturnType<typeof keys.version>>>();
    rewrite(event.data, (value) => {
      const version = tokenKeyVersion(value as string);
      if (version !== undefined) found.set(version, undefined);
      return value;
    });
    for (const version of found.keys()) found.set(version, await keys.version(subject(customerId), version));
    const data = rewrite(event.data, (value) => {
      const key = found.get(tokenKeyVersion(value as string) ?? 0);
      if (!key) return ERASED;
      try {
        return decryptValue(value as string, key, context(customerId));
      } catch {
        return ERASED; // a token that does not authenticate is never shown
      }
    });
    return registry.upcast({ ...event, data });
  };

  const revealAll = <TEvent extends RecordedEvent>(events: readonly TEvent[]) =>
    Promise.all(events.map(reveal));
  const revealResult = async (result: AppendResult): Promise<AppendResult> => ({
    ...result,
    events: await revealAll(result.events),
  });

  const repeats: RepeatReader = {
    prepare: (streamId, events) =>
      prepareEvents(streamId, events, { registry, now: clock.now(), tenantId, futureToleranceMs }),
    read: async (streamId, fromRevision, maxCount) =>
      revealAll((await inner.readStream(streamId, { fromRevision, maxCount })).events),
    lift: registry ? (event) => registry.upcast(event) : (event) => event,
  };

  return {
    registry: registry === false ? undefined : registry,
    appendToStream: async (streamId, events, appendOptions) => {
      const sealed = await sealAll(streamId, events);
      try {
        return revealResult(await inner.appendToStream(streamId, sealed, appendOptions));
      } catch (error) {
        if (!isIdempotencyKeyReused(error)) throw error;
        return settleRepeat(repeats, error, events);
      }
    },
    appendToStreams: async (appends: readonly StreamAppend[]) => {
      assertBulkAppends(appends);
      const sealed = await Promise.all(
        appends.map(async (a) => ({ ...a, events: await sealAll(a.streamId, a.events) })),
      );
      return appendSettlingRepeats(repeats, appends, sealed, async (some) =>
        Promise.all((await inner.appendToStreams(some)).map(revealResult)),
      );
    },
    readStream: async (streamId, readOptions) => {
      const result = await inner.readStream(streamId, readOptions);
      return { ...result, events: await revealAll(result.events) };
    },
    readAll: async (readOptions) => {
      const page = await inner.readAll(readOptions);
      return { ...page, events: await revealAll(page.events) };
    },
    subscribeToAll: (subscribeOptions): Observable<RecordedEvent> =>
      inner.subscribeToAll(subscribeOptions).pipe(concatMap((event) => from(reveal(event)))),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
    shred: async (customerId) => {
      await keyStore.destroy(subject(customerId));
      keys.forget(subject(customerId));
    },
    rotateKey: async (customerId) => {
      await keyStore.rotate(subject(customerId));
      keys.forget(subject(customerId));
    },
  };
};
