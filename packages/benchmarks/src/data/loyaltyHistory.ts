import { type EventToAppend, parseAs, type RecordedEvent, type TouchpointEvent } from '@rapport/core';
import {
  type AccountCommand,
  type AccountState,
  accountCommandSchema,
  accountDecider,
  createEarningReactor,
  loyaltyStreamId,
  sampleProgram,
} from '@rapport/loyalty';
import { foldProjection } from '@rapport/projections';
import { cdnowHistories } from './cdnowHistories';

const END = '1998-06-30T23:59:59.999Z';

interface Timed {
  readonly at: string;
  readonly order: number;
  readonly streamId: string;
  readonly event: EventToAppend;
}

/**
 * A loyalty program's log over `customers` CDNOW customers, as a live run of the sample program would have left it:
 * each customer's registration and purchases, their enrolment at the first purchase, and what the earning reactor's
 * commands recorded on their account (earnings, tier changes, expiries), all in event-time order. The recorded part is
 * computed the way the live run decides it: the reactor folded over the inputs, its commands decided by the account
 * decider in order.
 */
export const loyaltyHistory = (customers: number): { streamId: string; event: EventToAppend }[] => {
  const inputs: RecordedEvent[] = [];
  let position = 0n;
  for (const event of cdnowHistories(customers)) {
    position += 1n;
    inputs.push({ ...event, globalPosition: position });
    if (event.type === 'CustomerRegistered') {
      position += 1n;
      inputs.push({
        ...event,
        id: `${event.id.slice(0, -1)}e`,
        type: 'LoyaltyEnrolled',
        data: { programId: sampleProgram.id, programVersion: 1, negativeBalancePolicy: 'debt' },
        streamId: loyaltyStreamId(event.metadata.customerId!),
        streamPosition: 0n,
        globalPosition: position,
      });
    }
  }
  const sorted = inputs
    .sort((a, b) =>
      a.metadata.occurredAt < b.metadata.occurredAt
        ? -1
        : a.metadata.occurredAt > b.metadata.occurredAt
          ? 1
          : 0,
    )
    .map((event, index) => ({ ...event, globalPosition: BigInt(index + 1) }));
  const timed: Timed[] = sorted.map((event, index) => ({
    at: event.metadata.occurredAt,
    order: (index + 1) * 2,
    streamId: event.streamId,
    event: {
      type: event.type,
      data: event.data,
      metadata: {
        customerId: event.metadata.customerId!,
        occurredAt: event.metadata.occurredAt,
        source: 'cdnow',
      },
    },
  }));
  const states = new Map<string, AccountState>();
  const enrolled = new Set(
    sorted.filter((e) => e.type === 'LoyaltyEnrolled').map((e) => e.metadata.customerId!),
  );
  const { effects } = foldProjection(createEarningReactor({ programs: [sampleProgram] }), sorted, {
    until: END,
  });
  for (const [index, effect] of effects.entries()) {
    if (!enrolled.has(effect.key)) continue;
    const command = parseAs(
      accountCommandSchema,
      { type: effect.type, data: effect.payload },
      effect.type,
    ) as AccountCommand;
    let state = states.get(effect.key);
    if (state === undefined) {
      state = accountDecider.evolve(accountDecider.initialState(), {
        type: 'LoyaltyEnrolled',
        data: { programId: sampleProgram.id, programVersion: 1, negativeBalancePolicy: 'debt' },
      } as TouchpointEvent);
    }
    for (const decided of accountDecider.decide(command, state, { occurredAt: effect.cause.at })) {
      state = accountDecider.evolve(state, {
        ...decided,
        metadata: { occurredAt: effect.cause.at },
      } as never);
      timed.push({
        at: effect.cause.at,
        order: Number(effect.cause.position) * 2 + 1 + index / effects.length,
        streamId: loyaltyStreamId(effect.key),
        event: {
          type: decided.type,
          data: decided.data,
          metadata: { customerId: effect.key, occurredAt: effect.cause.at, actor: 'reactor:loyalty-earning' },
        },
      });
    }
    states.set(effect.key, state);
  }
  return timed
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order))
    .map(({ streamId, event }) => ({ streamId, event }));
};
