import { customerIdOfStream, type RecordedEvent } from '@rapport/core';

/** The customer an event belongs to: its `customerId` metadata, else the id in its `customer-<id>` stream name. */
export const profileKeyOf = (event: RecordedEvent): string | undefined =>
  event.metadata.customerId ?? customerIdOfStream(event.streamId);
