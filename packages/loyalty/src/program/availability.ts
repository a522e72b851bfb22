import type { Program } from './programSchema';
import { dayMs, epochOf, type Instant, isoOf, startOfMonth, startOfYear } from './time';

/** When points from a purchase at `purchaseAt` unlock: the end of the return window, in UTC. */
export const availableAt = (program: Program, purchaseAt: Instant): Instant =>
  isoOf(epochOf(purchaseAt, 'purchaseAt') + program.pending.returnWindowDays * dayMs);

/**
 * When points unlocked at `unlockedAt` expire, or `undefined` if they never do. The instant returned is the first
 * at which they can no longer be spent: for `end_of_month`, 00:00 UTC on the first day of the following month;
 * for `end_of_year`, 00:00 UTC on 1 January of the following year; for `after_days`, exactly N × 24 h later.
 */
export const expiresAt = (program: Program, unlockedAt: Instant): Instant | undefined => {
  const ms = epochOf(unlockedAt, 'unlockedAt');
  const { expiry } = program;
  switch (expiry.kind) {
    case 'never':
      return undefined;
    case 'after_days':
      return isoOf(ms + expiry.days * dayMs);
    case 'end_of_month':
      return isoOf(startOfMonth(ms, expiry.monthsAfter + 1));
    case 'end_of_year':
      return isoOf(startOfYear(ms, expiry.yearsAfter + 1));
  }
};
