import type { RecordedEvent } from '@rapport/core';
import { cdnowEvents, loadCdnowTransactions } from '@rapport/testing';

interface Template {
  readonly type: string;
  readonly data: unknown;
  readonly occurredAt: string;
}

let templates: readonly (readonly Template[])[] | undefined;

/** The CDNOW master log's customers, each as the list of its touchpoints (registration, then purchases). */
const cdnowTemplates = (): readonly (readonly Template[])[] => {
  if (templates !== undefined) return templates;
  const byCustomer = new Map<string, Template[]>();
  for (const { event } of cdnowEvents(loadCdnowTransactions('master'))) {
    const id = event.metadata!.customerId!;
    const list = byCustomer.get(id) ?? [];
    list.push({ type: event.type, data: event.data, occurredAt: event.metadata!.occurredAt as string });
    byCustomer.set(id, list);
  }
  templates = [...byCustomer.values()];
  return templates;
};

/**
 * Recorded events of `customers` customers, customer after customer, each a real CDNOW customer's history (the
 * 23,570 customers cycled), with fresh data objects as a store hands out.
 */
export function* cdnowHistories(customers: number): Generator<RecordedEvent> {
  const all = cdnowTemplates();
  let position = 0n;
  for (let index = 0; index < customers; index++) {
    const customerId = `c${index}`;
    const history = all[index % all.length]!;
    for (let n = 0; n < history.length; n++) {
      const template = history[n]!;
      position += 1n;
      yield {
        id: `00000000-0000-7000-8000-${position.toString().padStart(12, '0')}`,
        type: template.type,
        data: structuredClone(template.data),
        streamId: `customer-${customerId}`,
        streamPosition: BigInt(n),
        globalPosition: position,
        metadata: {
          customerId,
          occurredAt: template.occurredAt,
          recordedAt: template.occurredAt,
          tenantId: 'default',
          schemaVersion: 1,
          channel: 'web',
          source: 'cdnow',
        },
      };
    }
  }
}
