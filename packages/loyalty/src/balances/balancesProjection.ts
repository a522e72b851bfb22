import type { RecordedEvent, TouchpointEvent } from '@rapport/core';
import {
  defineProjection,
  type ProjectionContext,
  type ProjectionDefinition,
  type ReactorContext,
} from '@rapport/projections';
import { earningEventTypes, earningLogic, earningTimers, loyaltyKeyOf } from '../earning/earningReactor';
import { initialMember, type MemberState } from '../earning/memberState';
import { decideMemberTier } from '../earning/memberTier';
import { programPicker } from '../program/programAt';
import type { Program } from '../program/programSchema';
import { isoOf } from '../program/time';
import { type BalancesDocument, figuresAt } from './balancesDocument';
import { recordMovement } from './movements';

/** A balances document with what its tier basis is measured from (as the earning reactor keeps it). */
export interface BalancesState extends BalancesDocument {
  readonly member: MemberState;
}

/** Options of `createBalancesProjection`. */
export interface BalancesOptions {
  /** The program versions the earning reactor runs: the tier basis, progress and next review are measured by them. */
  readonly programs: readonly Program[];
  /** Default `loyalty-balances`. */
  readonly name?: string;
  readonly version?: number;
}

/** The loyalty events the balances projection reads besides the earning reactor's inputs. */
const ledgerTypes = ['PointsEarned', 'PointsExpired', 'PointsReversed'] as const;

const REFRESH = 'refresh';

const initialBalances = (customerId: string): BalancesState => ({
  customerId,
  asOf: isoOf(0),
  figures: {
    available: 0,
    pending: 0,
    lifetimeEarned: 0,
    redeemed: 0,
    expired: 0,
    reversed: 0,
    adjusted: 0,
    debt: 0,
    expiringWithin30Days: 0,
  },
  totals: { lifetimeEarned: 0, redeemed: 0, expired: 0, reversed: 0, adjusted: 0, debt: 0 },
  overdrawn: 0,
  tier: { current: undefined },
  lots: {},
  movements: [],
  member: initialMember(),
});

const nothing = () => '';
const quietContexts = new WeakMap<ProjectionContext, ReactorContext>();
/**
 * A context for the earning fold whose commands go nowhere: the projection only wants the member state. The engine
 * hands every call the same context object, so its quiet twin is made once (reading through to it).
 */
const quiet = (ctx: ProjectionContext): ReactorContext => {
  let twin = quietContexts.get(ctx);
  if (twin === undefined) {
    twin = Object.assign(Object.create(ctx) as ReactorContext, { command: nothing, send: nothing });
    quietContexts.set(ctx, twin);
  }
  return twin;
};

/** The next time the figures change with no event: a lot unlocking or lapsing (ISO times compare as text). */
const nextChange = (state: BalancesState, now: string): string | undefined => {
  let next: string | undefined;
  for (const id in state.lots) {
    const lot = state.lots[id]!;
    if (lot.remaining <= 0) continue;
    if (lot.availableAt > now && (next === undefined || lot.availableAt < next)) next = lot.availableAt;
    const expires = lot.expiresAt;
    if (expires !== undefined && expires > now && (next === undefined || expires < next)) next = expires;
  }
  return next;
};

/**
 * The balances read model, one document per customer: available, pending, lifetime earned, redeemed, expired,
 * reversed, adjusted, debt, expiring within 30 days, the tier with its basis, progress and next review, and the lots
 * and movements (with their rules, reasons and causes) the figures reconcile to. Figures move with time: a timer
 * refreshes them when a lot unlocks or lapses, with no event. Read any later time with `figuresAt(document, at)`,
 * and any earlier one with `balancesAsOf`.
 */
export const createBalancesProjection = (options: BalancesOptions): ProjectionDefinition<BalancesState> => {
  const programs = [...options.programs];
  const member = earningLogic(programs);
  const programOf = programPicker(programs);
  /** Brings the figures to now; the tier basis is measured again only when `remeasure` (the member state moved). */
  const refresh = (state: BalancesState, ctx: ProjectionContext, remeasure: boolean): BalancesState => {
    // never back in time: an event recorded late (an effect executed after the timers ran on) moves the ledger, not
    // the time the figures are for, so a live run and a replay of the same log end on the same figures
    const current = ctx.now.toISOString();
    // biome-ignore lint/complexity/useMathMinMax: ISO strings, compared as text; Math.max would make them numbers
    const asOf = current > state.asOf ? current : state.asOf;
    const now = asOf === current ? ctx.now.getTime() : Date.parse(asOf);
    const program = remeasure ? programOf(now) : undefined;
    const decision = program === undefined ? undefined : decideMemberTier(program, state.member, now);
    const at = nextChange(state, asOf);
    if (at === undefined) ctx.cancel(REFRESH);
    else ctx.schedule(at, REFRESH);
    return {
      ...state,
      asOf,
      figures: figuresAt(state, asOf),
      tier: {
        ...state.tier,
        ...(decision === undefined
          ? {}
          : {
              basis: decision.basis,
              progress: decision.progress,
              nextReviewAt: isoOf(state.member.requalifyAt),
            }),
      },
    };
  };
  return defineProjection<BalancesState, RecordedEvent>({
    name: options.name ?? 'loyalty-balances',
    version: options.version ?? 1,
    handles: [...new Set([...earningEventTypes, ...ledgerTypes])],
    keyOf: loyaltyKeyOf,
    init: initialBalances,
    evolve: (state, event, ctx) => {
      const touchpoint = event as TouchpointEvent;
      const moved = member.evolve(state.member, touchpoint, quiet(ctx));
      return refresh({ ...recordMovement(state, event), member: moved }, ctx, moved !== state.member);
    },
    onTimer: (state, timer, ctx) => {
      if (!earningTimers.includes(timer.name)) return refresh(state, ctx, false);
      return refresh({ ...state, member: member.onTimer(state.member, timer, quiet(ctx)) }, ctx, true);
    },
  });
};
