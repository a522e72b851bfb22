import type { Json, ReadModelStore } from '@rapport/projections';

/** Where in the collection each stream's last applied revision is kept. */
export const ledgerKey = (prefix: string, streamId: string): string => `${prefix}${streamId}`;

/** The ledger document of a stream at `revision`. */
export const ledgerDocument = (revision: bigint): Json => ({ revision: revision.toString() });

/** The last applied revision of each stream (-1n when none), read in one call. */
export const readLedger = async (
  readModels: ReadModelStore,
  collection: string,
  prefix: string,
  streamIds: readonly string[],
): Promise<Map<string, bigint>> => {
  const found = await readModels.getMany(
    collection,
    streamIds.map((streamId) => ledgerKey(prefix, streamId)),
  );
  const ledger = new Map<string, bigint>();
  for (const streamId of streamIds) {
    const entry = found.get(ledgerKey(prefix, streamId)) as { revision?: unknown } | undefined;
    ledger.set(streamId, typeof entry?.revision === 'string' ? BigInt(entry.revision) : -1n);
  }
  return ledger;
};
