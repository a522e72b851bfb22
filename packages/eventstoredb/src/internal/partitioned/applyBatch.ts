import { isRapportError, RapportError, type RecordedEvent } from '@rapport/core';
import type {
  Checkpoint,
  DeadLetter,
  DocumentChange,
  ProjectionDefinition,
  ReadModelStore,
} from '@rapport/projections';
import type { PersistentDelivery } from '../gateway';
import { foldOnto, keysOf } from './foldOnto';
import { ledgerDocument, ledgerKey, readLedger } from './ledger';
import { type GapSource, streamEvents } from './streamEvents';

/** What a worker's batches share. */
export interface BatchConfig<TState, TEvent extends RecordedEvent> extends GapSource {
  readonly definition: ProjectionDefinition<TState, TEvent>;
  readonly collection: string;
  readonly readModels: ReadModelStore;
  /** Events at or before this global position advance the ledger but are not applied. */
  readonly after: bigint;
  readonly ledgerPrefix: string;
  /** Commits tried before the batch gives up (every other worker's commit in between is a conflict). */
  readonly maxConflicts: number;
  readonly now: () => string;
}

/** How a batch ended: which messages to ack, park or retry, and what it did. */
export interface BatchOutcome {
  readonly ack: PersistentDelivery[];
  readonly park: { readonly delivery: PersistentDelivery; readonly reason: string }[];
  readonly retry: PersistentDelivery[];
  readonly applied: number;
  readonly duplicates: number;
  /** Set when the projection's `'stop'` policy stopped it: the worker must stop. */
  readonly stoppedBy: DeadLetter | undefined;
}

const isSystem = (delivery: PersistentDelivery) =>
  delivery.record === undefined ||
  delivery.record.type.startsWith('$') ||
  delivery.record.streamId.startsWith('$');

const maxIso = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined || a >= b ? a : b;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies one batch of deliveries exactly once. Inside one attempt: read the collection's checkpoint, the ledger of
 * every stream delivered (its last applied revision), fill each stream's range from the ledger to the highest revision
 * delivered (from the stream itself when deliveries have holes), fold the new events onto the stored documents, and
 * commit documents, ledger entries, aliases and dead letters with the checkpoint moved from what was read. Any commit by
 * another worker in between moves the checkpoint, so this commit fails as a conflict and the attempt starts again from
 * fresh reads: no stale delivery (a message that timed out, or was in flight to a consumer whose streams moved) is ever
 * applied over later events, and nothing is applied twice.
 */
export const applyBatch = async <TState, TEvent extends RecordedEvent>(
  config: BatchConfig<TState, TEvent>,
  deliveries: readonly PersistentDelivery[],
): Promise<BatchOutcome> => {
  const { readModels, collection, ledgerPrefix } = config;
  const ack = deliveries.filter(isSystem);
  const byStream = new Map<string, PersistentDelivery[]>();
  for (const delivery of deliveries) {
    if (isSystem(delivery)) continue;
    const list = byStream.get(delivery.record!.streamId) ?? [];
    list.push(delivery);
    byStream.set(delivery.record!.streamId, list);
  }
  const streamIds = [...byStream.keys()];
  for (let attempt = 1; ; attempt++) {
    const checkpoint: Checkpoint | undefined = await readModels.readCheckpoint(collection);
    const ledger = await readLedger(readModels, collection, ledgerPrefix, streamIds);
    const aliases = new Map((await readModels.listAliases(collection)).map((a) => [a.from, a.to]));
    const resolve = (key: string) => {
      let current = key;
      for (let hops = 0; aliases.has(current) && hops <= aliases.size; hops++)
        current = aliases.get(current)!;
      return current;
    };
    const outcome = { ack: [...ack], park: [] as BatchOutcome['park'], retry: [], applied: 0, duplicates: 0 };
    const events: RecordedEvent[] = [];
    const ledgerChanges: DocumentChange[] = [];
    const ackedStreams: PersistentDelivery[][] = [];
    for (const [streamId, streamDeliveries] of byStream) {
      const applied = ledger.get(streamId)!;
      outcome.duplicates += streamDeliveries.filter((d) => d.record!.revision <= applied).length;
      const found = await streamEvents(config, streamId, streamDeliveries, applied);
      if (found.kind === 'duplicate') outcome.ack.push(...streamDeliveries);
      else if (found.kind === 'unreadable') {
        const reason = found.error instanceof Error ? found.error.message : String(found.error);
        outcome.park.push(...streamDeliveries.map((delivery) => ({ delivery, reason })));
      } else {
        const last = found.events.at(-1);
        if (last === undefined) outcome.ack.push(...streamDeliveries);
        else {
          events.push(...found.events);
          ledgerChanges.push({
            key: ledgerKey(ledgerPrefix, streamId),
            document: ledgerDocument(last.streamPosition),
          });
          ackedStreams.push(streamDeliveries);
        }
      }
    }
    if (events.length === 0) return { ...outcome, stoppedBy: undefined };
    events.sort((a, b) =>
      a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0,
    );
    const applicable = events.filter((e) => e.globalPosition > config.after && !e.type.startsWith('$'));
    const keys = keysOf(config.definition, applicable, resolve);
    const reserved = [...keys].find((key) => key.startsWith(ledgerPrefix));
    if (reserved !== undefined) {
      throw new RapportError(
        'Configuration',
        `document key ${reserved} starts with the ledger prefix ${ledgerPrefix}; choose another ledgerPrefix`,
      );
    }
    const stored = keys.size === 0 ? new Map() : await readModels.getMany(collection, [...keys]);
    const folded = foldOnto(config.definition, applicable, stored, resolve);
    const recordedAt = config.now();
    const stamp = (letter: DeadLetter) => ({ ...letter, recordedAt });
    const expected = checkpoint?.position;
    const top = events.at(-1)!.globalPosition;
    const floor = (expected ?? 0n) + 1n;
    const next: Checkpoint = {
      position: top > floor ? top : floor,
      watermark: maxIso(checkpoint?.watermark, folded.watermark),
    };
    const stopped = folded.stoppedBy;
    try {
      await readModels.commit({
        collection,
        documents: stopped === undefined ? [...folded.documents, ...ledgerChanges] : [],
        timers: [],
        aliases: stopped === undefined ? folded.aliases : [],
        deadLetters: stopped === undefined ? folded.deadLetters.map(stamp) : [stamp(stopped)],
        checkpoint: { expected, next },
      });
    } catch (error) {
      if (!isRapportError(error, 'ConcurrencyConflict') || attempt >= config.maxConflicts) throw error;
      await sleep(Math.floor(Math.random() * Math.min(50, attempt * 5)));
      continue;
    }
    if (stopped !== undefined) {
      return { ...outcome, retry: ackedStreams.flat(), stoppedBy: stopped };
    }
    outcome.ack.push(...ackedStreams.flat());
    return { ...outcome, applied: applicable.length, stoppedBy: undefined };
  }
};
