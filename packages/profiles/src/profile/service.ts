import type { TouchpointData } from '@rapport/core';
import { ownValue, setOwn } from '@rapport/core';
import { addCounts, type Counts } from '../internal/counts';

type Outcome = TouchpointData<'ComplaintResolved'>['outcome'];

/** An open ticket (or a resolution seen before its opening, with only `resolvedAt`). */
export interface TicketState {
  readonly openedAt?: number;
  readonly resolvedAt?: number;
  readonly category?: string;
  readonly priority?: TouchpointData<'TicketOpened'>['priority'];
}

/** An open complaint (or an outcome seen before its filing, with only `resolvedAt`). */
export interface ComplaintState {
  readonly filedAt?: number;
  readonly resolvedAt?: number;
  readonly severity?: TouchpointData<'ComplaintFiled'>['severity'];
  readonly product?: string;
  readonly outcome?: Outcome;
}

/** Cases of one kind: how many opened and resolved, total time to resolve (for the mean), and the open ones. */
export interface CaseStats<TCase> {
  readonly opened: number;
  readonly resolved: number;
  /** Resolutions whose opening is known, and their summed time to resolve in ms: mean = `resolutionMs / timed`. */
  readonly timed: number;
  readonly resolutionMs: number;
  readonly open?: Readonly<Record<string, TCase>>;
}

/** Support tickets and complaints. */
export interface ServiceSection {
  readonly tickets?: CaseStats<TicketState>;
  readonly complaints?: ComplaintStats;
}

/** Complaints, with how many ended in each outcome. */
export type ComplaintStats = CaseStats<ComplaintState> & { readonly outcomes?: Counts<Outcome> };

type Case = { readonly resolvedAt?: number } & (
  | { readonly openedAt?: number }
  | { readonly filedAt?: number }
);

const startOf = (item: TicketState | ComplaintState): number | undefined =>
  'filedAt' in item ? item.filedAt : (item as TicketState).openedAt;

/** Puts a case in, closing it (and timing its resolution) when both its start and its resolution are known. */
const place = <TCase extends Case, TStats extends CaseStats<TCase>>(
  stats: TStats,
  id: string,
  item: TCase,
  counted: Partial<Pick<CaseStats<TCase>, 'opened' | 'resolved'>>,
): TStats => {
  const open: Record<string, TCase> = { ...stats.open };
  const start = startOf(item);
  let { timed, resolutionMs } = stats;
  if (start !== undefined && item.resolvedAt !== undefined) {
    delete open[id];
    timed += 1;
    resolutionMs += Math.max(0, item.resolvedAt - start);
  } else setOwn(open, id, item);
  const { open: _old, ...rest } = stats;
  return {
    ...rest,
    opened: stats.opened + (counted.opened ?? 0),
    resolved: stats.resolved + (counted.resolved ?? 0),
    timed,
    resolutionMs,
    ...(Object.keys(open).length > 0 && { open }),
  } as TStats;
};

const noCases: CaseStats<never> = { opened: 0, resolved: 0, timed: 0, resolutionMs: 0 };

/** Opens a ticket at `at`. */
export const openTicket = (
  section: ServiceSection | undefined,
  { ticketId, category, priority }: TouchpointData<'TicketOpened'>,
  at: number,
): ServiceSection => {
  const stats: CaseStats<TicketState> = section?.tickets ?? noCases;
  const prior = ownValue(stats.open, ticketId);
  const item: TicketState = {
    openedAt: at,
    category,
    priority,
    ...(prior?.resolvedAt !== undefined && { resolvedAt: prior.resolvedAt }),
  };
  return { ...section, tickets: place(stats, ticketId, item, { opened: 1 }) };
};

/** Resolves a ticket at `at`. */
export const resolveTicket = (
  section: ServiceSection | undefined,
  { ticketId }: TouchpointData<'TicketResolved'>,
  at: number,
): ServiceSection => {
  const stats: CaseStats<TicketState> = section?.tickets ?? noCases;
  const item: TicketState = { ...ownValue(stats.open, ticketId), resolvedAt: at };
  return { ...section, tickets: place(stats, ticketId, item, { resolved: 1 }) };
};

/** Files a complaint at `at`. */
export const fileComplaint = (
  section: ServiceSection | undefined,
  { complaintId, severity, product }: TouchpointData<'ComplaintFiled'>,
  at: number,
): ServiceSection => {
  const stats: ComplaintStats = section?.complaints ?? noCases;
  const prior = ownValue(stats.open, complaintId);
  const item: ComplaintState = { ...prior, filedAt: at, severity, ...(product !== undefined && { product }) };
  return { ...section, complaints: place(stats, complaintId, item, { opened: 1 }) };
};

/** Closes a complaint with its outcome at `at`. */
export const resolveComplaint = (
  section: ServiceSection | undefined,
  { complaintId, outcome }: TouchpointData<'ComplaintResolved'>,
  at: number,
): ServiceSection => {
  const stats: ComplaintStats = section?.complaints ?? noCases;
  const item: ComplaintState = { ...ownValue(stats.open, complaintId), resolvedAt: at, outcome };
  const placed = place(stats, complaintId, item, { resolved: 1 });
  return {
    ...section,
    complaints: {
      ...placed,
      outcomes: { ...stats.outcomes, [outcome]: (ownValue(stats.outcomes, outcome) ?? 0) + 1 },
    },
  };
};

const mergeCases = <TCase extends Case, TStats extends CaseStats<TCase>>(
  a: TStats | undefined,
  b: TStats | undefined,
): TStats | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  let out = {
    ...a,
    opened: a.opened + b.opened,
    resolved: a.resolved + b.resolved,
    timed: a.timed + b.timed,
    resolutionMs: a.resolutionMs + b.resolutionMs,
  } as TStats;
  for (const [id, item] of Object.entries(b.open ?? {}) as [string, TCase][]) {
    out = place(out, id, { ...ownValue(out.open, id), ...item }, {});
  }
  return out;
};

/** Adds two service sections: counts and times add up, open cases combine by id. */
export const mergeService = (
  a: ServiceSection | undefined,
  b: ServiceSection | undefined,
): ServiceSection | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const tickets = mergeCases<TicketState, CaseStats<TicketState>>(a.tickets, b.tickets);
  const complaints = mergeCases(a.complaints, b.complaints);
  const outcomes = addCounts(a.complaints?.outcomes, b.complaints?.outcomes);
  return {
    ...(tickets && { tickets }),
    ...(complaints && { complaints: { ...complaints, ...(outcomes && { outcomes }) } }),
  };
};
