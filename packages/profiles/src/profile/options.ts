import { RapportError } from '@rapport/core';

/** Thresholds of the lifecycle-stage rules (see docs/profiles.md). */
export interface LifecycleRules {
  /** A customer is at risk once this many days pass without a purchase. Default 90. */
  readonly atRiskAfterDays: number;
  /** A customer has lapsed once this many days pass without a purchase. Default 180. */
  readonly lapsedAfterDays: number;
  /** A customer is loyal with at least this many purchases within `loyalWindowDays`. Default 4. */
  readonly loyalPurchases: number;
  /** The window, in days, for `loyalPurchases`. Default 365. */
  readonly loyalWindowDays: number;
  /** A purchase after a gap of at least this many days (or after a defection) wins the customer back. Default 180. */
  readonly wonBackAfterDays: number;
}

/** How the profile projection is configured; every field has a sensible default. */
export interface ProfileOptions {
  /** Read-model name; default `profiles` (documents in collection `profiles_v<version>`). */
  readonly name?: string;
  /**
   * Bump it whenever options change meaning, so the runtime rebuilds. Default 2 (since an unmerge gives the restored
   * customer a document of its own again; a version you set yourself needs the same bump once).
   */
  readonly version?: number;
  readonly lifecycle?: Partial<LifecycleRules>;
  /** Contact and personal changes kept in `history`, newest first. Default 10. */
  readonly historyLimit?: number;
  /** Distinct product categories kept in `commerce.categories`. Default 20. */
  readonly categoryLimit?: number;
  /** Our most recent messages kept to measure response rate and time. Default 10. */
  readonly responseWindow?: number;
  /** Most recent reviews kept in `feedback.reviews.recent`. Default 3. */
  readonly recentReviews?: number;
}

/** Options with every default filled in. */
export interface ResolvedProfileOptions {
  readonly name: string;
  readonly version: number;
  readonly lifecycle: LifecycleRules;
  readonly historyLimit: number;
  readonly categoryLimit: number;
  readonly responseWindow: number;
  readonly recentReviews: number;
  /** Purchase times kept in `commerce.recentPurchases`: enough for the loyal and won-back rules. */
  readonly recentPurchases: number;
}

// #region defaults
/** The default lifecycle thresholds. */
export const defaultLifecycleRules: LifecycleRules = Object.freeze({
  atRiskAfterDays: 90,
  lapsedAfterDays: 180,
  loyalPurchases: 4,
  loyalWindowDays: 365,
  wonBackAfterDays: 180,
});
// #endregion defaults

const positive = (path: string, value: number, max = 100_000): number => {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RapportError(
      'Configuration',
      `profile options: ${path} must be an integer from 1 to ${max} (got ${String(value)})`,
      {
        data: { path, got: value },
      },
    );
  }
  return value;
};

/** Fills in defaults and checks every option, naming the bad one. */
export const resolveProfileOptions = (options: ProfileOptions = {}): ResolvedProfileOptions => {
  const rules = { ...defaultLifecycleRules, ...options.lifecycle };
  for (const [key, value] of Object.entries(rules)) positive(`lifecycle.${key}`, value);
  if (rules.lapsedAfterDays <= rules.atRiskAfterDays) {
    throw new RapportError(
      'Configuration',
      `profile options: lifecycle.lapsedAfterDays (${rules.lapsedAfterDays}) must be greater than atRiskAfterDays (${rules.atRiskAfterDays})`,
      { data: { path: 'lifecycle.lapsedAfterDays' } },
    );
  }
  return {
    name: options.name ?? 'profiles',
    version: positive('version', options.version ?? 2, Number.MAX_SAFE_INTEGER),
    lifecycle: Object.freeze(rules),
    historyLimit: positive('historyLimit', options.historyLimit ?? 10, 1000),
    categoryLimit: positive('categoryLimit', options.categoryLimit ?? 20, 1000),
    responseWindow: positive('responseWindow', options.responseWindow ?? 10, 1000),
    recentReviews: positive('recentReviews', options.recentReviews ?? 3, 1000),
    recentPurchases: Math.max(2, rules.loyalPurchases),
  };
};
