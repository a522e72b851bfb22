import type { CustomerCommandOf } from '../customer/commands';
import type { CustomerService } from '../customer/customerService';
import type { CustomerCommandOptions } from '../customer/serviceContext';
import type { CustomerState } from '../customer/state';
import type { CommandResult } from '../decider/handleCommand';
import type { ProtectedEventStore } from './protectedEventStore';

/** The erasure request: whose data, why, and who asked. */
export type ForgetRequest = CustomerCommandOf<'ForgetCustomer'>['data'];

/**
 * Honours a right-to-erasure request: the same as executing `ForgetCustomer` on the service, which records
 * `CustomerForgotten` (at `options.metadata.occurredAt`, by `options.metadata.actor`) and then destroys the keys
 * of the customer and of every record merged into it. Safe to repeat: a crash between the steps is completed by
 * running it again.
 */
export const forgetCustomer = (
  target: {
    readonly customers: CustomerService;
    /** @deprecated not needed: the service erases on the store it was created on. */
    readonly store?: ProtectedEventStore;
  },
  request: ForgetRequest,
  options?: CustomerCommandOptions,
): Promise<CommandResult<CustomerState>> =>
  target.customers.execute({ type: 'ForgetCustomer', data: request }, options);
