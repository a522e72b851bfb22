/**
 * @rapport/loyalty: a points engine over the event log (programs as data, a ledger of lots, tiers, rewards, what-if).
 */
export type {
  AccountCommand,
  AccountCommandOf,
  AccountState,
  Balances,
  Lot,
  LotShare,
} from './account/index';
export {
  accountCommandSchema,
  accountDecider,
  balances,
  evolveAccount,
  initialAccountState,
  loyaltyStreamId,
  oldestFirst,
} from './account/index';
