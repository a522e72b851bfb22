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
  LoyaltyCommandOptions,
  LoyaltyService,
  LoyaltyServiceOptions,
} from './account/index';
export {
  accountCommandSchema,
  accountDecider,
  accountRoutes,
  balances,
  createLoyaltyService,
  evolveAccount,
  initialAccountState,
  loyaltyStreamId,
  oldestFirst,
} from './account/index';
export type {
  BalancesDocument,
  BalancesOptions,
  BalancesState,
  Figures,
  LotView,
  Movement,
  TierView,
  Totals,
} from './balances/index';
export { balancesAsOf, createBalancesProjection, figuresAt } from './balances/index';
export type { BasisEntry, EarningReactorOptions, LotMirror, MemberState, OrderRecord } from './earning/index';
export {
  createEarningReactor,
  earningCommandTypes,
  earningEventTypes,
  earningIdOf,
  loyaltyKeyOf,
} from './earning/index';
export type {
  Bonus,
  BonusComponent,
  BonusTrigger,
  CapComponent,
  EarnContext,
  EarnedInPeriod,
  Earning,
  EarningComponent,
  EarningRules,
  EarnReason,
  Expiry,
  Instant,
  LineNet,
  NetSpend,
  Program,
  ProgramInput,
  Reward,
  RewardRequest,
  SpendComponent,
  TierDecision,
  TierRules,
  TierState,
} from './program/index';
export {
  allocate,
  availableAt,
  bonusFor,
  earnForPurchase,
  evaluateTier,
  expiresAt,
  netSpend,
  parseProgram,
  pointsToReverse,
  programAt,
  programSchema,
  requalificationDate,
  rewardRedemption,
  sampleProgram,
} from './program/index';
export type {
  CustomerComparison,
  CustomerOutcome,
  OutcomeDifference,
  Refusal,
  SimulateOptions,
  Simulation,
  TierMove,
  TotalOutcome,
} from './simulate/index';
export { simulate } from './simulate/index';
