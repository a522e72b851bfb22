import type { TouchpointEvent } from '../catalog/index';
import type { Decider } from '../decider/decider';
import { type CustomerCommand, customerCommandSchema } from './commands';
import { decideCustomer } from './decide';
import { type CustomerState, evolveCustomer, initialCustomerState } from './state';

/** The customer decider: the rules of one customer record (registration, purchases and refunds, credit, consent…). */
export const customerDecider: Decider<CustomerCommand, CustomerState, TouchpointEvent> = {
  // 2: orders, refunds, invoices, open cases and absorbed records became persistent maps (and `outstanding` appeared)
  version: 2,
  initialState: initialCustomerState,
  evolve: evolveCustomer,
  decide: decideCustomer,
  commandSchema: customerCommandSchema as never,
};

/** The stream that holds one customer's touchpoints. */
export const customerStreamId = (customerId: string): string => `customer-${customerId}`;

/** The customer id of a customer stream, or undefined for another kind of stream. */
export const customerIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith('customer-') ? streamId.slice('customer-'.length) : undefined;
