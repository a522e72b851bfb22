import { customerStreamId } from '../customer/decider';
import type { EventStore } from '../store/eventStore';

/** One recorded touchpoint in a subject-access export. */
export interface ExportedTouchpoint {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly channel?: string;
  readonly source?: string;
  readonly data: unknown;
}

/** Everything held about one customer, as JSON-ready data (a subject access request). */
export interface CustomerDataExport {
  readonly customerId: string;
  readonly exportedAt: string;
  /** Records merged into this one, whose touchpoints are included. */
  readonly absorbedIds: readonly string[];
  readonly touchpoints: readonly ExportedTouchpoint[];
}

/** Collects every touchpoint of a customer, including the records merged into it, decrypted by `store`. */
export const exportCustomerData = async (
  store: EventStore,
  customerId: string,
  now = new Date(),
): Promise<CustomerDataExport> => {
  const seen = new Set<string>();
  const touchpoints: ExportedTouchpoint[] = [];
  const visit = async (id: string): Promise<void> => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const event of (await store.readStream(customerStreamId(id))).events) {
      const { occurredAt, recordedAt, channel, source } = event.metadata;
      touchpoints.push({
        id: event.id,
        type: event.type,
        occurredAt,
        recordedAt,
        ...(channel === undefined ? {} : { channel }),
        ...(source === undefined ? {} : { source }),
        data: event.data,
      });
      if (event.type === 'CustomersMerged') await visit((event.data as { absorbedId: string }).absorbedId);
    }
  };
  await visit(customerId);
  touchpoints.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  return { customerId, exportedAt: now.toISOString(), absorbedIds: [...seen].slice(1), touchpoints };
};
