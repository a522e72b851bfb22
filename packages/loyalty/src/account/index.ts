export { accountDecider, loyaltyStreamId } from './accountDecider';
export type { Balances } from './balances';
export { balances } from './balances';
export type { AccountCommand, AccountCommandOf } from './commands';
export { accountCommandSchema } from './commands';
export type { Lot, LotShare } from './lots';
export { oldestFirst } from './lots';
export type { AccountState } from './state';
export { evolveAccount, initialAccountState } from './state';
