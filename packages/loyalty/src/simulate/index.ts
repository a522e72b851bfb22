export type {
  CustomerComparison,
  CustomerOutcome,
  OutcomeDifference,
  Simulation,
  TierMove,
  TotalOutcome,
} from './outcome';
export type { Refusal } from './replayAccounts';
export type { SimulateOptions } from './simulate';
export { simulate } from './simulate';
