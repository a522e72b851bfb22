import type { CustomerCommandOf } from '../customer/commands';
import type { CustomerService } from '../customer/customerService';
import type { ProtectedEventStore } from './protectedEventStore';

/** The erasure request: whose data, why, and who asked. */
export type ForgetRequest = CustomerCommandOf<'ForgetCustomer'>['data'];

/**
 * Honours a right-to-erasure request: records `CustomerForgotten`, then destroys the customer's keys. Safe to
 * repeat: a crash between the two steps is completed by running it again.
 */
export const forgetCustomer = async (
  target: { readonly customers: CustomerService; readonly store: ProtectedEventStore },
  request: ForgetRequest,
): Promise<void> => {
  await target.customers.execute({ type: 'ForgetCustomer', data: request });
  await target.store.shred(request.customerId);
};
