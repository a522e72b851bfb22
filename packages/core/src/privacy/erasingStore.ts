import type { EventStore } from '../store/eventStore';

/**
 * An event store that can erase a customer's personal data from its log: `createProtectedEventStore` keeps it
 * encrypted per customer, and `shred` destroys the keys. `ForgetCustomer` runs only over such a store.
 */
export interface ErasingEventStore extends EventStore {
  /** Destroys a customer's keys: every personal value of theirs, past and future, reads as `ERASED`. */
  shred(customerId: string): Promise<void>;
}

/** True when `store` can erase personal data (it has `shred`): a protected store, not a plain one. */
export const canErase = (store: EventStore): store is ErasingEventStore =>
  typeof (store as Partial<ErasingEventStore>).shred === 'function';
