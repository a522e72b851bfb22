export { allocate } from './allocate';
export { availableAt, expiresAt } from './availability';
export type { Bonus, BonusComponent } from './bonusFor';
export { bonusFor } from './bonusFor';
export type { CapComponent, EarnedInPeriod } from './caps';
export type { EarnContext, Earning, EarningComponent, EarnReason } from './earnForPurchase';
export { earnForPurchase } from './earnForPurchase';
export type { TierDecision, TierState } from './evaluateTier';
export { evaluateTier, requalificationDate } from './evaluateTier';
export type { LineNet, NetSpend } from './netSpend';
export { netSpend } from './netSpend';
export { parseProgram } from './parseProgram';
export type { SpendComponent } from './pointsFromSpend';
export { pointsToReverse } from './pointsToReverse';
export { programAt } from './programAt';
export type {
  BonusTrigger,
  EarningRules,
  Expiry,
  Program,
  ProgramInput,
  Reward,
  TierRules,
} from './programSchema';
export { programSchema } from './programSchema';
export type { RewardRequest } from './rewardRedemption';
export { rewardRedemption } from './rewardRedemption';
export { sampleProgram } from './sampleProgram';
export type { Instant } from './time';
