import { lotsInOrder } from '../internal/lotOrder';
import { lapsed, spendable } from './lots';
import type { AccountState } from './state';

const DAY = 86_400_000;

/** An account's balances at one time; the totals that need no time are the state's own. */
export interface Balances
  extends Pick<AccountState, 'lifetimeEarned' | 'redeemed' | 'reversed' | 'adjusted' | 'debt'> {
  /** Spendable now: unlocked, unexpired lot remainders, less what is overdrawn (may be negative under `allow_negative`). */
  readonly available: number;
  /** Lot remainders not yet unlocked. */
  readonly pending: number;
  /** Recorded expiry plus the remainders of lots whose expiry date has come but which no event has expired yet. */
  readonly expired: number;
  /** Available points whose lot expires within 30 days of `at`. */
  readonly expiringWithin30Days: number;
  readonly tier: string | undefined;
}

/**
 * The balances of an account at `at` (an ISO time or epoch ms), computed from its lots with points left: points unlock and lapse as
 * time passes, with no event. At any time `available + pending + redeemed + expired + reversed − adjusted − debt =
 * lifetimeEarned`.
 */
export const balances = (state: AccountState, at: string | number): Balances => {
  const now = typeof at === 'number' ? at : Date.parse(at);
  let available = 0;
  let pending = 0;
  let lapsedRemainder = 0;
  let expiringWithin30Days = 0;
  for (const key of lotsInOrder(state.open)) {
    const lot = state.lots.get(key.earningId)!;
    if (lapsed(lot, now)) lapsedRemainder += lot.remaining;
    else if (!spendable(lot, now)) pending += lot.remaining;
    else {
      available += lot.remaining;
      if (lot.expiresAt !== undefined && lot.expiresAt <= now + 30 * DAY)
        expiringWithin30Days += lot.remaining;
    }
  }
  return {
    available: available - state.overdrawn,
    pending,
    lifetimeEarned: state.lifetimeEarned,
    redeemed: state.redeemed,
    expired: state.expired + lapsedRemainder,
    reversed: state.reversed,
    adjusted: state.adjusted,
    debt: state.debt,
    expiringWithin30Days,
    tier: state.tier,
  };
};
