import { isIdempotencyKeyReused } from '../errors/guards';
import type { RapportError } from '../errors/rapportError';
import type { EventToAppend, RecordedEvent } from '../store/envelope';
import type { AppendResult, StreamAppend } from '../store/eventStore';
import type { PreparedEvent } from '../store/prepareEvents';
import { appendResultOf, assertRepeatedAppend } from '../store/repeatedAppend';

/** What settling a repeated key needs from the protected store: the plain events, and the recorded ones in clear. */
export interface RepeatReader {
  /** The caller's events of an append to `streamId`, validated and stamped in clear. */
  readonly prepare: (streamId: string, events: readonly EventToAppend[]) => readonly PreparedEvent[];
  /** `count` events of `streamId` from revision `from`, decrypted and lifted to the current schema version. */
  readonly read: (streamId: string, from: bigint, count: number) => Promise<readonly RecordedEvent[]>;
  readonly lift: (event: RecordedEvent) => RecordedEvent;
}

/**
 * A key the inner store refused as reused, judged in clear: the inner store compares ciphertext, which is new at
 * every encryption, so the recorded events are read back decrypted and compared with the plain repeat. The same
 * events are the earlier result; other ones are refused again, with the difference found in clear.
 */
export const settleRepeat = async (
  reader: RepeatReader,
  refusal: RapportError,
  events: readonly EventToAppend[],
): Promise<AppendResult> => {
  const { streamId, idempotencyKey, firstRevision, lastRevision } = refusal.data as Record<string, string>;
  const from = BigInt(firstRevision!);
  const recorded = await reader.read(streamId!, from, Number(BigInt(lastRevision!) - from) + 1);
  const prepared = reader.prepare(streamId!, events);
  assertRepeatedAppend({
    streamId: streamId!,
    idempotencyKey: idempotencyKey!,
    recorded,
    events,
    prepared,
    lift: reader.lift,
  });
  return appendResultOf(streamId!, recorded, true);
};

/**
 * A bulk append through the protected store: when the inner store refuses the call for a key that, in clear, does
 * repeat its recorded append, that stream is answered with the earlier result and the call is made again without it
 * (the refused call wrote nothing, and a duplicate would have written nothing either).
 */
export const appendSettlingRepeats = async (
  reader: RepeatReader,
  appends: readonly StreamAppend[],
  sealed: readonly StreamAppend[],
  append: (appends: readonly StreamAppend[]) => Promise<readonly AppendResult[]>,
): Promise<readonly AppendResult[]> => {
  const settled = new Map<number, AppendResult>();
  for (;;) {
    const pending = sealed.flatMap((_, index) => (settled.has(index) ? [] : [index]));
    let written: readonly AppendResult[];
    try {
      written = pending.length === 0 ? [] : await append(pending.map((index) => sealed[index]!));
    } catch (error) {
      if (!isIdempotencyKeyReused(error)) throw error;
      const index = pending.find((at) => sealed[at]!.streamId === error.data.streamId);
      if (index === undefined) throw error;
      settled.set(index, await settleRepeat(reader, error, appends[index]!.events));
      continue;
    }
    const byIndex = new Map(pending.map((index, at) => [index, written[at]!]));
    return sealed.map((_, index) => settled.get(index) ?? byIndex.get(index)!);
  }
};
