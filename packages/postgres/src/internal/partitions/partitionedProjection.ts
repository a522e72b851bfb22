import type { RecordedEvent } from '@rapport/core';
import type { AnyProjection } from '@rapport/projections';
import { partitionOf } from '../../partitionOf';

/**
 * The projection as one partition's runner runs it: events whose document key hashes to another partition are passed
 * over (their key reads as undefined), so the runner still moves its checkpoint and watermark past them. The
 * watermark therefore follows the whole log, as in a single runner, and timers fire at the same points.
 */
export const partitionedProjection = <TState, TEvent extends RecordedEvent>(
  definition: AnyProjection<TState, TEvent>,
  index: number,
  count: number,
): AnyProjection<TState, TEvent> => {
  const keyOf = definition.keyOf ?? ((event: TEvent) => event.metadata.customerId);
  const mine = (event: TEvent): string | undefined => {
    const key = keyOf(event);
    return key !== undefined && partitionOf(key, count) === index ? key : undefined;
  };
  const related = definition.related;
  return {
    ...definition,
    keyOf: mine,
    ...(related === undefined
      ? {}
      : { related: (event: TEvent) => (mine(event) === undefined ? [] : related(event)) }),
  };
};
