export type { EarningReactorOptions } from './earningReactor';
export { createEarningReactor, earningCommandTypes, earningEventTypes, loyaltyKeyOf } from './earningReactor';
export type { BasisEntry, LotMirror, MemberState, OrderRecord } from './memberState';
export { earningIdOf } from './memberState';
