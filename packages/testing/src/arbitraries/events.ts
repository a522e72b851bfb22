import {
  customerStreamId,
  type EventDefinition,
  type EventToAppend,
  type TouchpointEvent,
  type TouchpointEventType,
  touchpointEvents,
} from '@rapport/core';
import fc from 'fast-check';
import { arbitraryFromSchema } from './fromSchema';

/** An arbitrary `{ type, data }` of one event definition, valid against its schema. */
export const arbitraryEventOf = <TDefinition extends EventDefinition>(
  definition: TDefinition,
): fc.Arbitrary<{ type: TDefinition['type']; data: unknown }> =>
  arbitraryFromSchema(definition.schema).map((data) => ({ type: definition.type, data }));

const cache = new Map<string, fc.Arbitrary<TouchpointEvent>>();

/** An arbitrary built-in touchpoint event of the given type. */
export const arbitraryTouchpoint = <TType extends TouchpointEventType>(
  type: TType,
): fc.Arbitrary<Extract<TouchpointEvent, { type: TType }>> => {
  let arbitrary = cache.get(type);
  if (!arbitrary) {
    const definition = touchpointEvents.find((d) => d.type === type);
    if (!definition) throw new Error(`arbitraryTouchpoint: unknown event type ${type}`);
    arbitrary = arbitraryEventOf(definition) as fc.Arbitrary<TouchpointEvent>;
    cache.set(type, arbitrary);
  }
  return arbitrary as fc.Arbitrary<Extract<TouchpointEvent, { type: TType }>>;
};

/** An arbitrary event of any built-in touchpoint type. */
export const arbitraryTouchpointEvent = (): fc.Arbitrary<TouchpointEvent> =>
  fc.oneof(...touchpointEvents.map((definition) => arbitraryTouchpoint(definition.type)));

/** An arbitrary event time between 1995 and 2025 (in the past, so every store records it), as ISO-8601 UTC. */
export const arbitraryOccurredAt = (): fc.Arbitrary<string> =>
  fc
    .integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2025, 0, 1) })
    .map((ms) => new Date(ms).toISOString());

/** An arbitrary list of appends to a few customer streams: touchpoints with customer ids and event times. */
export const arbitraryCustomerAppends = (
  options: { customers?: number; maxEvents?: number } = {},
): fc.Arbitrary<{ streamId: string; event: EventToAppend }[]> => {
  const customers = Array.from({ length: options.customers ?? 4 }, (_, i) => `c${i + 1}`);
  return fc
    .array(
      fc.record({
        customerId: fc.constantFrom(...customers),
        event: arbitraryTouchpointEvent(),
        occurredAt: arbitraryOccurredAt(),
      }),
      { maxLength: options.maxEvents ?? 40 },
    )
    .map((items) =>
      items.map(({ customerId, event, occurredAt }) => ({
        streamId: customerStreamId(customerId),
        event: { ...event, metadata: { customerId, occurredAt } },
      })),
    );
};
