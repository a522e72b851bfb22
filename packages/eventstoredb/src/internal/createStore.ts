import { type EventStore, RapportError, type RecordedEvent } from '@rapport/core';
import { appendToStream } from './appendToStream';
import { appendToStreams } from './appendToStreams';
import type { StoreConfig, StoreContext } from './context';
import { deepFreeze } from './deepFreeze';
import { fromStoredRecord } from './envelope';
import type { Gateway, StoredRecord } from './gateway';
import { headPosition, readAll } from './readAll';
import { readStream } from './readStream';
import { subscribeToAll } from './subscribeToAll';

/** Builds the `EventStore` over any gateway: the real client in production, a fake in unit tests. */
export const createStoreOnGateway = (gateway: Gateway, config: StoreConfig): EventStore => {
  const { registry, tenantId } = config;
  const closers = new Set<() => void>();
  let closed = false;
  const lift =
    registry !== false && registry.hasUpcasters
      ? (event: RecordedEvent) => registry.upcast(event)
      : (event: RecordedEvent) => event;

  const context: StoreContext = {
    gateway,
    config,
    toRecorded: (record: StoredRecord) => deepFreeze(lift(fromStoredRecord(record, tenantId))),
    toAppended: (record: StoredRecord) => deepFreeze(fromStoredRecord(record, tenantId)),
    ensureOpen: () => {
      if (closed) throw new RapportError('StoreUnavailable', 'the EventStoreDB event store is closed');
    },
    isClosed: () => closed,
    onClose: (onClose) => {
      closers.add(onClose);
      return () => closers.delete(onClose);
    },
  };

  return {
    registry: registry === false ? undefined : registry,
    appendToStream: (streamId, events, options) => appendToStream(context, streamId, events, options),
    appendToStreams: (appends) => appendToStreams(context, appends),
    readStream: (streamId, options) => readStream(context, streamId, options),
    readAll: (options) => readAll(context, options),
    subscribeToAll: (options) => subscribeToAll(context, options),
    headPosition: () => headPosition(context),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const close of [...closers]) close();
      closers.clear();
      await gateway.dispose();
    },
  };
};
