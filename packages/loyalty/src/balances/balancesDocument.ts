import type { TierDecision } from '../program/evaluateTier';

const DAY = 86_400_000;

/** One lot as the balances read model shows it: where its points came from and what became of them. */
export interface LotView {
  readonly earningId: string;
  readonly points: number;
  readonly remaining: number;
  /** UTC, in `toISOString` form. */
  readonly availableAt: string;
  /** UTC, in `toISOString` form; absent when the lot never expires. */
  readonly expiresAt?: string;
  readonly expired: number;
  readonly reversed: number;
  /** The rule that earned it, or `adjustment` for a credit by staff. */
  readonly rule: string;
  readonly orderId?: string;
}

/** One movement of points, as recorded, with everything that explains it. */
export interface Movement {
  readonly at: string;
  readonly kind: 'earned' | 'redeemed' | 'expired' | 'reversed' | 'adjusted' | 'tier';
  /** Signed: what the movement added to (positive) or took from (negative) the member's points; 0 for a tier change. */
  readonly points: number;
  readonly earningId?: string;
  /** The rule, reward, or tier moved to. */
  readonly what?: string;
  /** Each rule's part of an earning; the lots a redemption, expiry or debit took from. */
  readonly parts?: readonly {
    readonly rule?: string;
    readonly earningId?: string;
    readonly points: number;
  }[];
  /** The reason recorded with it (free text, dropped when the customer is forgotten). */
  readonly reason?: string;
  /** The command, order, refund and event that caused it. */
  readonly cause: Readonly<Record<string, string>>;
  /** Who recorded it: a member of staff, or `reactor:<name>` for a decision of the program. */
  readonly actor?: string;
  readonly eventId: string;
  /** The event that led to it (for the program's decisions: the purchase, refund or enrolment). */
  readonly causationId?: string;
  readonly programVersion?: number;
}

/** The figures of an account at one time; `available + pending + redeemed + expired + reversed − adjusted − debt = lifetimeEarned`. */
export interface Figures {
  readonly available: number;
  readonly pending: number;
  readonly lifetimeEarned: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly reversed: number;
  /** Net manual adjustments, signed. */
  readonly adjusted: number;
  readonly debt: number;
  /** Available points whose lot expires within 30 days. */
  readonly expiringWithin30Days: number;
}

/** The totals a balances document keeps as events record them. */
export type Totals = Pick<
  Figures,
  'lifetimeEarned' | 'redeemed' | 'expired' | 'reversed' | 'adjusted' | 'debt'
>;

/** The member's tier as recorded, and where they stand against the program's next review. */
export interface TierView {
  readonly current: string | undefined;
  readonly since?: string;
  readonly reasonKind?: string;
  /** The basis the last change was decided on. */
  readonly changedOn?: readonly { readonly kind: string; readonly value: number }[];
  /**
   * The basis over the program's window as last measured (at `basis.window.to`: the member's last purchase, refund,
   * bonus, manual tier or review), how far the next level was then, and the next review.
   */
  readonly basis?: TierDecision['basis'];
  readonly progress?: TierDecision['progress'];
  readonly nextReviewAt?: string;
}

/**
 * A customer's balances read model: the figures at `asOf`, the tier, and the ledger of lots and movements they
 * reconcile to. A plain JSON document: it reads back from any read-model store unchanged.
 */
export interface BalancesDocument {
  readonly customerId: string;
  readonly programId?: string;
  readonly enrolledAt?: string;
  readonly policy?: 'allow_negative' | 'debt';
  /** The time the figures are for: the last event or timer folded. */
  readonly asOf: string;
  readonly figures: Figures;
  readonly tier: TierView;
  /** What has moved, as recorded (no time needed); `expired` counts only recorded expiry. */
  readonly totals: Totals;
  /** Points overdrawn (policy `allow_negative`): subtracted from `available`. */
  readonly overdrawn: number;
  /** By earning (or adjustment) id. */
  readonly lots: Readonly<Record<string, LotView>>;
  readonly movements: readonly Movement[];
  /** True once the customer was forgotten: free-text reasons are gone. */
  readonly forgotten?: true;
}

/**
 * The figures of a balances document at `at` (epoch ms or ISO), from its lots: points unlock and lapse with time,
 * with no event, so any time after `asOf` can be read from the same document.
 */
export const figuresAt = (document: BalancesDocument, at: number | string): Figures => {
  // lot times are kept as UTC ISO text of one length, so they compare as text: no date parsing per lot
  const now = new Date(typeof at === 'number' ? at : Date.parse(at)).toISOString();
  const soon = new Date(Date.parse(now) + 30 * DAY).toISOString();
  let available = 0;
  let pending = 0;
  let lapsed = 0;
  let expiringWithin30Days = 0;
  for (const id in document.lots) {
    const lot = document.lots[id]!;
    if (lot.remaining <= 0) continue;
    const expires = lot.expiresAt;
    if (expires !== undefined && expires <= now) lapsed += lot.remaining;
    else if (lot.availableAt > now) pending += lot.remaining;
    else {
      available += lot.remaining;
      if (expires !== undefined && expires <= soon) expiringWithin30Days += lot.remaining;
    }
  }
  const { totals } = document;
  return {
    ...totals,
    available: available - document.overdrawn,
    pending,
    expired: totals.expired + lapsed,
    expiringWithin30Days,
  };
};
