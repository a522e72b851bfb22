import { isRapportError, parseAs, type RecordedEvent, type TouchpointEvent } from '@rapport/core';
import type { Effect } from '@rapport/projections';
import { type AccountCommand, accountCommandSchema } from '../account/commands';
import { decideAccount } from '../account/decide';
import { type AccountState, evolveAccount, initialAccountState } from '../account/state';

/** A command a what-if run could not execute, and why (a redemption beyond what the candidate left, say). */
export interface Refusal {
  readonly at: string;
  readonly type: string;
  readonly code: string;
  readonly message: string;
}

/** One account as a what-if run leaves it: its state, the events it would have recorded, what was refused. */
export interface ReplayedAccount {
  readonly state: AccountState;
  readonly events: readonly (TouchpointEvent & { readonly metadata: { readonly occurredAt: string } })[];
  readonly refusals: readonly Refusal[];
}

/** A step of one account's timeline: a command, at a time, in the order a zero-lag live run would execute it. */
interface Step {
  readonly at: string;
  readonly position: bigint;
  /** 0 for what a customer or staff did at that position, 1 for the reactor's effects after it. */
  readonly rank: 0 | 1;
  readonly index: number;
  readonly command: (state: AccountState) => AccountCommand;
}

/** What a customer or staff recorded on an account, as the command that recorded it (undefined: not a command). */
const commandOf = (event: RecordedEvent, customerId: string): Step['command'] | undefined => {
  const e = event as TouchpointEvent;
  switch (e.type) {
    case 'LoyaltyEnrolled':
      return () => ({ type: 'EnrolLoyalty', data: { customerId, ...e.data } });
    case 'PointsRedeemed': {
      const { redemptionId, points, reward, orderId } = e.data;
      return () => ({
        type: 'RedeemPoints',
        data: { customerId, redemptionId, points, reward, ...(orderId === undefined ? {} : { orderId }) },
      });
    }
    case 'PointsAdjusted': {
      const { adjustmentId, points, reason, adjustedBy, expiresAt } = e.data;
      return () => ({
        type: 'AdjustPoints',
        data: {
          customerId,
          adjustmentId,
          points,
          reason,
          adjustedBy,
          ...(expiresAt === undefined ? {} : { expiresAt }),
        },
      });
    }
    case 'TierChanged': {
      const { to, reasonKind, basis, programVersion, reason } = e.data;
      return (state) => ({
        type: 'ChangeTier',
        data: {
          customerId,
          ...(state.tier === undefined ? {} : { from: state.tier }),
          to,
          reasonKind,
          basis,
          programVersion,
          ...(reason === undefined ? {} : { reason }),
        },
      });
    }
    default:
      return undefined;
  }
};

const order = (a: Step, b: Step) =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : a.rank - b.rank || a.index - b.index;

/**
 * Executes, in memory, one account's timeline: what customers and staff recorded on it (`recorded`, as the commands
 * that recorded them) and the commands a reactor emitted (`effects`), each at its own time, in the order a live run
 * with no lag would, through the same `accountDecider` (schema, invariants, time). Nothing is written anywhere.
 */
export const replayAccount = (
  customerId: string,
  recorded: readonly RecordedEvent[],
  effects: readonly Effect[],
): ReplayedAccount => {
  const steps: Step[] = [];
  recorded.forEach((event, index) => {
    const command = commandOf(event, customerId);
    if (command !== undefined)
      steps.push({ at: event.metadata.occurredAt, position: event.globalPosition, rank: 0, index, command });
  });
  effects.forEach((effect, index) => {
    if (effect.kind !== 'command') return;
    steps.push({
      at: effect.cause.at,
      position: effect.cause.position,
      rank: 1,
      index,
      command: () => ({ type: effect.type, data: effect.payload }) as unknown as AccountCommand,
    });
  });
  steps.sort(order);
  let state = initialAccountState();
  const events: ReplayedAccount['events'][number][] = [];
  const refusals: Refusal[] = [];
  for (const step of steps) {
    const raw = step.command(state);
    try {
      const command = parseAs(accountCommandSchema, raw, raw.type) as AccountCommand;
      for (const decided of decideAccount(command, state, { occurredAt: step.at })) {
        const event = { ...decided, metadata: { occurredAt: step.at } } as ReplayedAccount['events'][number];
        events.push(event);
        state = evolveAccount(state, event);
      }
    } catch (error) {
      refusals.push({
        at: step.at,
        type: raw.type,
        code: isRapportError(error) ? error.code : 'Validation',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { state, events, refusals };
};
