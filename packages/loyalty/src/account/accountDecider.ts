import type { Decider, TouchpointEvent } from '@rapport/core';
import { type AccountCommand, accountCommandSchema } from './commands';
import { decideAccount } from './decide';
import { type AccountState, evolveAccount, initialAccountState } from './state';

/** The loyalty account decider: a ledger of lots per customer, decided at each command's time. */
export const accountDecider: Decider<AccountCommand, AccountState, TouchpointEvent> = {
  // 2: lots and seen ids became persistent maps, and the lots with points left an ordered index (`open`)
  version: 2,
  initialState: initialAccountState,
  evolve: evolveAccount,
  decide: decideAccount,
  commandSchema: accountCommandSchema as never,
};

/** The stream that holds one customer's loyalty account, beside their `customer-<id>` stream. */
export const loyaltyStreamId = (customerId: string): string => `loyalty-${customerId}`;
