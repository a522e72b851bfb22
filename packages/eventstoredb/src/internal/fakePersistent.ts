import { RapportError } from '@rapport/core';
import type {
  NackAction,
  PersistentDelivery,
  PersistentFeed,
  PersistentSubscriptionSettings,
  ServerFilter,
  StoredRecord,
} from './gateway';
import { isAfter } from './positions';

const BUCKETS = 1024;

interface Message {
  readonly record: StoredRecord;
  readonly retryCount: number;
}

/** One connected consumer of a fake group. */
export interface FakeConsumer {
  readonly id: number;
  readonly queue: PersistentDelivery[];
  readonly inFlight: Set<string>;
  readonly bufferSize: number;
  closed: boolean;
  error: Error | undefined;
  wake: (() => void) | undefined;
}

/** A persistent subscription group as the fake server keeps it. */
export interface FakeGroup {
  readonly settings: PersistentSubscriptionSettings;
  /** Index in the log of the next record to dispatch. */
  cursor: number;
  readonly retry: Message[];
  readonly parked: Message[];
  readonly consumers: FakeConsumer[];
  /** Which consumer each of the 1024 buckets is pinned to. */
  readonly buckets: (FakeConsumer | undefined)[];
  readonly inFlight: Map<string, { message: Message; consumer: FakeConsumer }>;
  /** Every message handed to a consumer, in order. */
  readonly dispatched: { consumer: number; streamId: string; revision: bigint; retryCount: number }[];
}

/** Persistent subscriptions of the fake server, with the faults tests inject. */
export interface FakePersistent {
  readonly groups: Map<string, FakeGroup>;
  /** Dispatches what it can: retries first, then new records, each to the owner of its stream's bucket. */
  dispatch(): void;
  /** Every in-flight message of the group times out: the server redelivers it (the old consumer may still hold it). */
  timeOut(group: string): void;
  /** The server drops a consumer's connection: its in-flight messages and its buckets go to the others. */
  drop(group: string, consumerId: number): void;
  ensure(group: string, settings: PersistentSubscriptionSettings): Promise<'created' | 'exists'>;
  subscribe(group: string, options: { bufferSize: number }): PersistentFeed;
  delete(group: string): Promise<void>;
}

/** The stream's bucket: a stable hash of the stream id, as the server's pinned strategy does (its hash differs). */
export const bucketOf = (streamId: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < streamId.length; i++) hash = Math.imul(hash ^ streamId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
};

const passes = (filter: ServerFilter | undefined, record: StoredRecord) => {
  if (filter === undefined) return true;
  const value = filter.on === 'eventType' ? record.type : record.streamId;
  return 'regex' in filter
    ? new RegExp(filter.regex).test(value)
    : filter.prefixes.some((p) => value.startsWith(p));
};

/** A fake of EventStoreDB's persistent subscriptions to `$all` with the pinned strategy's behaviour. */
export const createFakePersistent = (log: readonly StoredRecord[]): FakePersistent => {
  const groups = new Map<string, FakeGroup>();
  let nextConsumer = 1;

  const requeue = (group: FakeGroup, messages: Message[]) => {
    for (const message of messages) {
      const again = { record: message.record, retryCount: message.retryCount + 1 };
      if (again.retryCount > group.settings.maxRetryCount) group.parked.push(again);
      else group.retry.push(again);
    }
  };

  const deliver = (group: FakeGroup, consumer: FakeConsumer, message: Message) => {
    const ackId = message.record.id;
    group.inFlight.set(ackId, { message, consumer });
    consumer.inFlight.add(ackId);
    consumer.queue.push({ record: message.record, ackId, retryCount: message.retryCount });
    group.dispatched.push({
      consumer: consumer.id,
      streamId: message.record.streamId,
      revision: message.record.revision,
      retryCount: message.retryCount,
    });
    consumer.wake?.();
  };

  const dispatchGroup = (group: FakeGroup) => {
    const ownerOf = (record: StoredRecord) => group.buckets[bucketOf(record.streamId)];
    const hasRoom = (consumer: FakeConsumer) => consumer.inFlight.size < consumer.bufferSize;
    for (let i = 0; i < group.retry.length; ) {
      const message = group.retry[i]!;
      const owner = ownerOf(message.record);
      if (owner === undefined || !hasRoom(owner)) i++;
      else {
        group.retry.splice(i, 1);
        deliver(group, owner, message);
      }
    }
    while (group.cursor < log.length) {
      const record = log[group.cursor]!;
      if (!passes(group.settings.filter, record)) {
        group.cursor++;
        continue;
      }
      const owner = ownerOf(record);
      if (owner === undefined || !hasRoom(owner)) break;
      group.cursor++;
      deliver(group, owner, { record, retryCount: 0 });
    }
  };
  const dispatch = () => {
    for (const group of groups.values()) dispatchGroup(group);
  };

  const join = (group: FakeGroup, consumer: FakeConsumer) => {
    group.consumers.push(consumer);
    if (group.consumers.length === 1) {
      group.buckets.fill(consumer);
      return;
    }
    // like the server: a joining consumer is given some of the existing buckets
    const target = Math.floor(BUCKETS / group.consumers.length);
    for (let b = 0, taken = 0; b < BUCKETS && taken < target; b += group.consumers.length, taken++) {
      group.buckets[b] = consumer;
    }
  };

  const leave = (group: FakeGroup, consumer: FakeConsumer) => {
    const at = group.consumers.indexOf(consumer);
    if (at < 0) return;
    group.consumers.splice(at, 1);
    for (let b = 0, k = 0; b < BUCKETS; b++) {
      if (group.buckets[b] !== consumer) continue;
      group.buckets[b] = group.consumers[k++ % Math.max(1, group.consumers.length)];
    }
    const held = [...consumer.inFlight].map((id) => group.inFlight.get(id)!.message);
    for (const id of consumer.inFlight) group.inFlight.delete(id);
    consumer.inFlight.clear();
    held.sort((a, b) => (isAfter(a.record.position!, b.record.position!) ? 1 : -1));
    requeue(group, held);
    dispatch();
  };

  const groupOf = (name: string) => {
    const group = groups.get(name);
    if (group === undefined)
      throw new RapportError('StoreUnavailable', `fake: persistent subscription ${name} does not exist`);
    return group;
  };

  const settle = (group: FakeGroup, deliveries: readonly PersistentDelivery[], action?: NackAction) => {
    const settled: Message[] = [];
    for (const { ackId } of deliveries) {
      const held = group.inFlight.get(ackId);
      if (held === undefined) continue; // timed out or moved: a late answer is ignored
      group.inFlight.delete(ackId);
      held.consumer.inFlight.delete(ackId);
      settled.push(held.message);
    }
    if (action === 'retry') requeue(group, settled);
    if (action === 'park') group.parked.push(...settled);
    dispatch();
  };

  return {
    groups,
    dispatch,
    timeOut(name) {
      const group = groupOf(name);
      const held = [...group.inFlight.values()];
      group.inFlight.clear();
      for (const { consumer } of held) consumer.inFlight.clear();
      requeue(
        group,
        held.map(({ message }) => message),
      );
      dispatch();
    },
    drop(name, consumerId) {
      const group = groupOf(name);
      const consumer = group.consumers.find((c) => c.id === consumerId);
      if (consumer === undefined) return;
      consumer.error = new RapportError('StoreUnavailable', 'fake: persistent subscription dropped');
      consumer.wake?.();
      leave(group, consumer);
    },
    async ensure(name, settings) {
      if (groups.has(name)) return 'exists';
      const { from } = settings;
      const start =
        from === 'start'
          ? 0
          : from === 'end'
            ? log.length
            : log.findIndex((r) => !isAfter(from, r.position!));
      groups.set(name, {
        settings,
        cursor: start < 0 ? log.length : start,
        retry: [],
        parked: [],
        consumers: [],
        buckets: new Array(BUCKETS).fill(undefined),
        inFlight: new Map(),
        dispatched: [],
      });
      return 'created';
    },
    subscribe(name, options) {
      const consumer: FakeConsumer = {
        id: nextConsumer++,
        queue: [],
        inFlight: new Set(),
        bufferSize: options.bufferSize,
        closed: false,
        error: undefined,
        wake: undefined,
      };
      let joined: FakeGroup | undefined;
      return {
        async *[Symbol.asyncIterator]() {
          await new Promise<void>((resolve) => setImmediate(resolve));
          joined = groupOf(name);
          join(joined, consumer);
          dispatch();
          while (true) {
            const next = consumer.queue.shift();
            if (consumer.error !== undefined) throw consumer.error;
            if (consumer.closed) return;
            if (next !== undefined) {
              yield next;
              continue;
            }
            await new Promise<void>((resolve) => {
              consumer.wake = resolve;
            });
          }
        },
        ack: async (deliveries) => {
          if (joined !== undefined && !consumer.closed && consumer.error === undefined)
            settle(joined, deliveries);
        },
        nack: async (action, _reason, deliveries) => {
          if (joined !== undefined && !consumer.closed && consumer.error === undefined)
            settle(joined, deliveries, action);
        },
        close: async () => {
          if (consumer.closed) return;
          consumer.closed = true;
          consumer.wake?.();
          if (joined !== undefined) leave(joined, consumer);
        },
      };
    },
    async delete(name) {
      groups.delete(name);
    },
  };
};
