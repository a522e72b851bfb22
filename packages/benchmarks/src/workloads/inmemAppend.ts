import { getInMemoryEventStore } from '@event-driven-io/emmett';
import { createInMemoryEventStore, customerStreamId, type EventToAppend } from '@rapport/core';
import { customerIdOf, generateHistory } from '../data/touchpoints';
import { fullGc } from '../harness/heap';
import { interleave, perSecond, sustainedRate, timeMs } from '../harness/stats';
import type { BenchContext, Measurement, Workload } from '../harness/types';

interface Append {
  readonly streamId: string;
  readonly event: EventToAppend;
}

/**
 * `count` appends spread round-robin over `streams` customer streams. The events are the same whatever the number of
 * streams (one CRM mix, re-addressed), so only the number of streams changes between the sizes.
 */
const appendsOver = (count: number, streams: number): Append[] => {
  const out: Append[] = [];
  for (const { event } of generateHistory({
    customers: 1_000,
    eventsPerCustomer: Math.ceil(count / 1_000),
  })) {
    const customerId = customerIdOf(out.length % streams);
    out.push({
      streamId: customerStreamId(customerId),
      event: { ...event, metadata: { ...event.metadata, customerId } },
    });
    if (out.length === count) break;
  }
  return out;
};

/** The floor: what an append must do at least (position, stamp, keep), with no validation and no copy. */
const floorAppend = (appends: readonly Append[]) => {
  const streams = new Map<string, unknown[]>();
  const log: unknown[] = [];
  const recordedAt = new Date().toISOString();
  for (const { streamId, event } of appends) {
    let stream = streams.get(streamId);
    if (stream === undefined) {
      stream = [];
      streams.set(streamId, stream);
    }
    const recorded = {
      id: log.length,
      type: event.type,
      data: event.data,
      streamId,
      streamPosition: stream.length,
      globalPosition: log.length + 1,
      metadata: { ...event.metadata, recordedAt },
    };
    stream.push(recorded);
    log.push(recorded);
  }
};

const rapportAppend = async (appends: readonly Append[]) => {
  const store = createInMemoryEventStore();
  for (const { streamId, event } of appends) await store.appendToStream(streamId, [event]);
};

const emmettAppend = async (appends: readonly Append[]) => {
  const store = getInMemoryEventStore();
  for (const { streamId, event } of appends) {
    await store.appendToStream(streamId, [
      { type: event.type, data: event.data as Record<string, unknown>, metadata: event.metadata },
    ]);
  }
};

interface Size {
  readonly id: string;
  readonly streams: number;
  readonly appends: readonly Append[];
  /** Emmett appends only this many of them. */
  readonly peerCount: number;
}

/**
 * Floor, Rapport and peer at every number of streams, in one set of interleaved rounds: the rate at 100k streams is
 * compared with the rate at 1k, so both must see the same machine. Measured one size after the other, one full run's
 * 1k-stream rate came in a fifth above other runs' and put that comparison on its line.
 */
const measureAll = async (context: BenchContext, sizes: readonly Size[]) => {
  // Rapport and the floor take a fraction of a second per 100k appends: each round repeats them (a fresh store each
  // time) for at least a second; Emmett's rounds take seconds as they are
  const minMs = context.quick ? 0 : 1_000;
  const contenders: Record<string, () => Promise<number> | number> = {};
  for (const { id, appends, peerCount } of sizes) {
    const peerAppends = appends.slice(0, peerCount);
    contenders[`${id}:floor`] = () => sustainedRate(appends.length, minMs, () => floorAppend(appends));
    contenders[`${id}:rapport`] = () => sustainedRate(appends.length, minMs, () => rapportAppend(appends));
    contenders[`${id}:peer`] = async () =>
      perSecond(peerCount, await timeMs(() => emmettAppend(peerAppends)));
  }
  const rates = await interleave(context.runs, contenders, fullGc);
  return (id: string) => ({
    floor: rates[`${id}:floor`]!,
    rapport: rates[`${id}:rapport`]!,
    peer: rates[`${id}:peer`]!,
  });
};

const LIMIT =
  "Collecting what the store keeps (about a quarter of an append: each recorded event holds ~500 bytes) and the store's bookkeeping (the stream map, bigint positions, the frozen envelope, about a fifth); validation takes ~0.2 µs on zod's compiled path. More streams cost memory locality (an array per stream), as they do the floor, which falls further. Emmett validates and freezes nothing, but counts every stream's events on each append.";

/** Workload 1: one validated event per `appendToStream` call into the in-memory store, at 1k, 10k and 100k streams. */
export const inmemAppend: Workload = {
  name: 'inmem-append',
  title: 'In-memory appends, one validated event per call',
  run: async (context) => {
    const count = context.size(100_000, 10_000);
    const sizes: Size[] = (
      [
        ['inmem-append-1k-streams', context.size(1_000, 100)],
        ['inmem-append', context.size(10_000, 1_000)],
        ['inmem-append-100k-streams', context.size(100_000, 10_000)],
      ] as const
    ).map(([id, streams]) => ({
      id,
      streams,
      appends: appendsOver(count, streams),
      peerCount: id === 'inmem-append-100k-streams' ? Math.min(count, context.size(20_000, 2_000)) : count,
    }));
    for (const { streams, peerCount } of sizes) {
      context.log(`  ${count} appends over ${streams} streams (peer: ${peerCount})`);
    }
    const rates = await measureAll(context, sizes);
    const fewest = rates(sizes[0]!.id).rapport;
    return sizes.map(
      ({ id, streams, peerCount }): Measurement => ({
        id,
        label: `${count.toLocaleString('en')} appends over ${streams.toLocaleString('en')} streams, repeated on fresh stores for at least 1 s per round`,
        unit: 'events/s',
        better: 'higher',
        ...rates(id),
        targets:
          id === 'inmem-append'
            ? [{ kind: 'ratioPeer', atLeast: 20 }]
            : id === 'inmem-append-100k-streams'
              ? [{ kind: 'atLeast', value: 0.8 * fewest, why: '80% of the rate at the fewest streams' }]
              : [],
        limit: LIMIT,
        ...(peerCount < count
          ? {
              notes: `Emmett appends only the first ${peerCount.toLocaleString('en')} (its append counts the events of every stream it holds, so a full run takes minutes; a shorter one flatters it).`,
            }
          : {}),
      }),
    );
  },
};
