import { RapportError, setOwn } from '@rapport/core';
import type { EarningComponent } from '../program/earnForPurchase';
import type { Program } from '../program/programSchema';
import type { MemberState, OrderRecord } from './memberState';

/** An earning's parts by rule, in the order applied, zero parts left out. */
export const breakdownOf = (components: readonly EarningComponent[]) => {
  const parts = new Map<string, number>();
  for (const c of components) parts.set(c.ruleId, (parts.get(c.ruleId) ?? 0) + c.points);
  return [...parts].filter(([, points]) => points !== 0).map(([rule, points]) => ({ rule, points }));
};

/** The next `MM-DD` after `now` (UTC midnight); 29 February falls on 1 March in common years. */
export const nextBirthday = (monthDay: string, now: number): number => {
  const month = Number(monthDay.slice(0, 2)) - 1;
  const day = Number(monthDay.slice(3, 5));
  const year = new Date(now).getUTCFullYear();
  const thisYear = Date.UTC(year, month, day);
  return thisYear > now ? thisYear : Date.UTC(year + 1, month, day);
};

/** Refuses a reactor given no program or versions of several programs; returns the program id. */
export const checkPrograms = (programs: readonly Program[]): string => {
  const first = programs[0];
  if (!Array.isArray(programs) || first === undefined)
    throw new RapportError(
      'Validation',
      'createEarningReactor: programs must list at least one program version',
    );
  const other = programs.find((program) => program.id !== first.id);
  if (other !== undefined)
    throw new RapportError(
      'Validation',
      `createEarningReactor: every program version must share one id (${first.id}, not ${other.id}); run one reactor per program`,
      { data: { programs: programs.map((program) => program.id) } },
    );
  return first.id;
};

/** The member without a manual tier. */
export const withoutManual = (state: MemberState): MemberState => {
  const { manualTier: _, ...rest } = state;
  return rest;
};

/** The orders with `orderId` recorded, nothing refunded yet. */
export const withOrder = (
  state: MemberState,
  orderId: string,
  at: number,
  net: number,
  spendPoints: number,
  earningId?: string,
): Readonly<Record<string, OrderRecord>> => {
  const orders = { ...state.orders };
  setOwn(orders, orderId, {
    at,
    net,
    spendPoints,
    ...(earningId === undefined ? {} : { earningId }),
    refunded: 0,
    refunds: [],
  });
  return orders;
};
