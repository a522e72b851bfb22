import {
  type AppendMetadata,
  type Clock,
  type CommandResult,
  type EventStore,
  foldEvents,
  handleCommand,
  type SnapshotStore,
} from '@rapport/core';
import type { CommandRoute, OutboxEntry } from '@rapport/projections';
import { accountDecider, loyaltyStreamId } from './accountDecider';
import { type Balances, balances } from './balances';
import type { AccountCommand } from './commands';
import type { AccountState } from './state';

/** Options of one loyalty command. */
export interface LoyaltyCommandOptions {
  /** Stamped on the events; `customerId` is set from the command. `occurredAt` is when the command is decided. */
  readonly metadata?: AppendMetadata;
  /** A retry with the same key appends nothing again. */
  readonly idempotencyKey?: string;
}

/** Commands and queries on loyalty accounts, over any event store. */
export interface LoyaltyService {
  /** Decides `command` on the customer's `loyalty-<id>` stream, under optimistic concurrency, at its `occurredAt`. */
  execute(command: AccountCommand, options?: LoyaltyCommandOptions): Promise<CommandResult<AccountState>>;
  /** The account's decider state now. */
  account(customerId: string): Promise<AccountState>;
  /** The account's balances at `at` (an ISO time or epoch ms; default the clock's now). */
  balances(customerId: string, at?: string | number): Promise<Balances>;
}

/** Options of `createLoyaltyService` and `accountRoutes`. */
export interface LoyaltyServiceOptions {
  readonly snapshots?: SnapshotStore<AccountState>;
  /** The time a command given no `metadata.occurredAt` is decided at; default the system clock. */
  readonly clock?: Clock;
}

/**
 * Creates the loyalty service: every account command goes to the customer's own stream with their id in the
 * metadata, so projections keyed by customer (the balances, the earning reactor) find the events.
 *
 * @example
 * const loyalty = createLoyaltyService(store);
 * await loyalty.execute({ type: 'RedeemPoints', data: { customerId: 'c1', redemptionId: 'r1', points: 500, reward: 'voucher-5' } });
 */
export const createLoyaltyService = (
  store: EventStore,
  options: LoyaltyServiceOptions = {},
): LoyaltyService => {
  const now = () => options.clock?.now() ?? new Date();
  const account = async (customerId: string) =>
    foldEvents(accountDecider, (await store.readStream(loyaltyStreamId(customerId))).events as never);
  return {
    execute: (command, commandOptions = {}) =>
      handleCommand(store, accountDecider, command, {
        streamId: loyaltyStreamId(command.data.customerId),
        metadata: { ...commandOptions.metadata, customerId: command.data.customerId },
        ...(commandOptions.idempotencyKey === undefined
          ? {}
          : { idempotencyKey: commandOptions.idempotencyKey }),
        ...(options.snapshots === undefined ? {} : { snapshots: options.snapshots }),
        ...(options.clock === undefined ? {} : { clock: options.clock }),
      }),
    account,
    balances: async (customerId, at) => balances(await account(customerId), at ?? now().getTime()),
  };
};

/**
 * The effect dispatcher's routes for every account command (`commands` of `createEffectDispatcher`): each is
 * decided on the customer's `loyalty-<id>` stream, with their id in the metadata.
 */
export const accountRoutes = (
  options: Pick<LoyaltyServiceOptions, 'snapshots'> = {},
): Readonly<Record<AccountCommand['type'], CommandRoute<AccountCommand, AccountState>>> => {
  const route: CommandRoute<AccountCommand, AccountState> = {
    decider: accountDecider as never,
    streamId: (command) => loyaltyStreamId(command.data.customerId),
    metadata: (effect: OutboxEntry) => ({
      customerId: (effect.payload as { customerId: string }).customerId,
    }),
    ...(options.snapshots === undefined ? {} : { snapshots: options.snapshots }),
  };
  return {
    EnrolLoyalty: route,
    EarnPoints: route,
    RedeemPoints: route,
    ReversePoints: route,
    AdjustPoints: route,
    ExpirePoints: route,
    ChangeTier: route,
  };
};
