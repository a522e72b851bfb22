export { balancesAsOf } from './balancesAsOf';
export type { BalancesDocument, Figures, LotView, Movement, TierView, Totals } from './balancesDocument';
export { figuresAt } from './balancesDocument';
export type { BalancesOptions, BalancesState } from './balancesProjection';
export { createBalancesProjection } from './balancesProjection';
