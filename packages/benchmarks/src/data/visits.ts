import { customerStreamId, type EventToAppend } from '@rapport/core';
import { customerIdOf } from './touchpoints';

/** The `index`-th page visit of a live run, spread over `customers` customers. */
export const visitOf = (index: number, customers: number): { streamId: string; event: EventToAppend } => {
  const customerId = customerIdOf(index % customers);
  return {
    streamId: customerStreamId(customerId),
    event: {
      type: 'SiteVisited',
      data: { page: `/live/${index}` },
      metadata: { customerId, occurredAt: new Date().toISOString(), channel: 'web' },
    },
  };
};
