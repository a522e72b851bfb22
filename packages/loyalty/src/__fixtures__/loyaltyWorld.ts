import {
  type CustomerCommandInput,
  createCustomerService,
  createFakeClock,
  createInMemoryEventStore,
  createInMemoryKeyStore,
  createProtectedEventStore,
  type EventStore,
  type RecordedEvent,
} from '@rapport/core';
import {
  createEffectDispatcher,
  createInMemoryReadModelStore,
  createProjectionRunner,
  type DispatchReport,
} from '@rapport/projections';
import { type AccountCommand, accountRoutes, createLoyaltyService } from '../account/index';
import { type BalancesState, createBalancesProjection } from '../balances/index';
import { createEarningReactor } from '../earning/index';
import type { Program } from '../program/index';

/** Options of a test world. */
export interface WorldOptions {
  readonly programs: readonly Program[];
  /** Wraps the store the dispatcher executes commands on (to inject failures). */
  readonly dispatchStore?: (store: EventStore) => EventStore;
}

/**
 * The live pipeline in memory, as a service would run it: customers and staff act through the services, the
 * earning reactor runs on a projection runner, its commands are executed by an effect dispatcher on the loyalty
 * accounts. `settle(at)` moves the clock to `at` and runs everything until nothing is left to do.
 */
export const loyaltyWorld = (options: WorldOptions) => {
  const clock = createFakeClock('1990-01-01T00:00:00Z');
  // protected, as a real deployment is, so that ForgetCustomer can erase
  const store = createProtectedEventStore({
    store: createInMemoryEventStore({ clock }),
    keyStore: createInMemoryKeyStore(),
  });
  const readModels = createInMemoryReadModelStore();
  const reactor = createEarningReactor({ programs: options.programs });
  const customers = createCustomerService(store, { clock });
  const loyalty = createLoyaltyService(store, { clock });
  const runner = createProjectionRunner({
    projection: reactor,
    eventStore: store,
    readModels,
    clock,
    tickIntervalMs: 0,
  });
  const dispatcher = createEffectDispatcher({
    outbox: readModels.outbox,
    eventStore: options.dispatchStore?.(store) ?? store,
    reactors: [reactor],
    commands: accountRoutes(),
    clock,
    backoff: { initialMs: 1000, maxMs: 1000 },
  });
  const balances = createBalancesProjection({ programs: options.programs });
  const balancesRunner = createProjectionRunner({
    projection: balances,
    eventStore: store,
    readModels,
    clock,
    tickIntervalMs: 0,
  });
  runner.start();
  balancesRunner.start();
  const dispatched: DispatchReport[] = [];

  /** Runs the reactor and the dispatcher until the log and the outbox are still, retrying what failed. */
  const settle = async (at?: string) => {
    if (at !== undefined) reach(at);
    for (let round = 0; round < 50; round++) {
      const head = await store.headPosition();
      await runner.waitForPosition(head);
      await runner.tick();
      await balancesRunner.waitForPosition(head);
      await balancesRunner.tick();
      const report = await dispatcher.drain();
      dispatched.push(report);
      const retrying = (await readModels.outbox.list({ status: 'pending' })).entries.length;
      if ((await store.headPosition()) === head && retrying === 0) return;
      if (retrying > 0) clock.advance(1000);
    }
    throw new Error('the world did not settle in 50 rounds');
  };

  /** Moves the clock up to `at` (never back): the store refuses events from the future. */
  const reach = (at: string) => {
    if (Date.parse(at) > clock.now().getTime()) clock.set(at);
  };

  return {
    clock,
    store,
    readModels,
    reactor,
    customers,
    loyalty,
    dispatcher,
    dispatched,
    settle,
    /** A customer's command at `at`. */
    customer: (command: CustomerCommandInput, at: string) => {
      reach(at);
      return customers.execute(command, { metadata: { occurredAt: at } });
    },
    /** A staff or member command on an account at `at`. */
    account: (command: AccountCommand, at: string) => {
      reach(at);
      return loyalty.execute(command, { metadata: { occurredAt: at } });
    },
    /** Every event of the customer's loyalty stream. */
    ledger: async (customerId: string): Promise<readonly RecordedEvent[]> =>
      (await store.readStream(`loyalty-${customerId}`)).events,
    balances,
    /** The customer's balances read model. */
    balancesOf: (customerId: string) =>
      readModels.get(`${balances.name}_v${balances.version}`, customerId) as Promise<
        BalancesState | undefined
      >,
    stop: async () => {
      await runner.stop();
      await balancesRunner.stop();
    },
  };
};
