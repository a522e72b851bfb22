import type { TouchpointEvent } from '../catalog/index';
import type { Decider } from '../decider/decider';
import { illegalState, notFound } from '../errors/guards';
import type { CustomerCommand } from './commands';
import { customerDecider } from './decider';
import type { CustomerState } from './state';

/** What `ForgetCustomer` records: `CustomerForgotten` once per record (nothing when already forgotten). Pure. */
const decideForget = (command: CustomerCommand, state: CustomerState): TouchpointEvent[] => {
  if (command.type !== 'ForgetCustomer') throw illegalState(`${command.type} is not an erasure`);
  const { customerId, ...data } = command.data;
  if (state.status === 'unregistered')
    throw notFound(`customer ${customerId} is not registered`, { customerId });
  if (state.status === 'forgotten') return [];
  return [{ type: 'CustomerForgotten', data }];
};

/**
 * The customer decider with the erasure step, used only by the customer service, which destroys the keys after
 * recording: `customerDecider` itself refuses `ForgetCustomer`, since a decider alone cannot erase anything.
 */
export const forgetDecider: Decider<CustomerCommand, CustomerState, TouchpointEvent> = {
  ...customerDecider,
  decide: decideForget,
};
