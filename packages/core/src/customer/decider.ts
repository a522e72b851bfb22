import type { TouchpointEvent } from '../catalog/index';
import type { Decider } from '../decider/decider';
import {
  type CustomerCommand,
  customerCommandSchema,
  type IdentityStep,
  identityStepSchema,
} from './commands';
import { decideCustomer, decideCustomerOrStep } from './decide';
import { type CustomerState, evolveCustomer, initialCustomerState } from './state';

/** The customer decider: the rules of one customer record (registration, purchases and refunds, credit, consent…). */
export const customerDecider: Decider<CustomerCommand, CustomerState, TouchpointEvent> = {
  // 2: orders, refunds, invoices, open cases and absorbed records became persistent maps (and `outstanding` appeared)
  // 3: an order keeps when it was placed (`orderedAt`) and what was bought and returned of each SKU (`skus`)
  version: 3,
  initialState: initialCustomerState,
  evolve: evolveCustomer,
  decide: decideCustomer,
  commandSchema: customerCommandSchema as never,
};

/** The same rules for the service's identity steps only: internal, never exported from the package. */
export const identityStepDecider: Decider<IdentityStep, CustomerState, TouchpointEvent> = {
  ...customerDecider,
  decide: decideCustomerOrStep,
  commandSchema: identityStepSchema as never,
};

/** The stream that holds one customer's touchpoints. */
export const customerStreamId = (customerId: string): string => `customer-${customerId}`;

/** The customer id of a customer stream, or undefined for another kind of stream. */
export const customerIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith('customer-') ? streamId.slice('customer-'.length) : undefined;
