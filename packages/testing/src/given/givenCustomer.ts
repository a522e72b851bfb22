import { type CustomerCommandInput, customerDecider, type TouchpointEvent } from '@rapport/core';
import { type DeciderWhen, givenDecider } from './givenDecider';

/**
 * `givenDecider` for the customer decider: given one customer's past events, when a command (as callers write it),
 * then these events or this error.
 *
 * @example
 * givenCustomer(registered, purchase('o1', 1000)).when(refund(401)).thenThrows('IllegalState', 'exceeds');
 */
export const givenCustomer = (
  ...history: readonly TouchpointEvent[]
): DeciderWhen<CustomerCommandInput, TouchpointEvent> =>
  givenDecider(customerDecider, history) as unknown as DeciderWhen<CustomerCommandInput, TouchpointEvent>;
