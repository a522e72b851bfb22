import type { Recorded, RecordedEvent, TouchpointEvent } from '@rapport/core';
import type { ProjectionContext } from '@rapport/projections';
import { beats } from '../internal/order';
import { normaliseEmail, normalisePhone, type ResolvedMatchOptions } from './normalise';

/**
 * What the duplicates projection knows of one customer record: its normalised emails and phones, and whether it
 * is closed into another record by a merge. Every field is order-independent: the lists are last-writer-wins
 * registers by event time (ties by content), `closed` counts merges minus restores, and forgetting is final.
 */
export interface MatchKeys {
  /** Normalised email addresses, sorted. */
  readonly emails?: readonly string[];
  /** Normalised phone numbers, sorted. */
  readonly phones?: readonly string[];
  /** Event time (epoch ms) each list was last written. */
  readonly changedAt?: { readonly emails?: number; readonly phones?: number };
  /** Merges into another record minus restores: the record is closed while this is positive. */
  readonly closed?: number;
  /** The record it was last merged into, and when. */
  readonly mergedInto?: { readonly id: string; readonly at: number };
  /** Personal data erased: no identifier is kept or accepted any more. */
  readonly forgotten?: true;
}

type Field = 'emails' | 'phones';

/** The sorted, de-duplicated normalised values of a contact list; erased or invalid entries are dropped. */
const normalisedList = (
  field: Field,
  entries: readonly { readonly address?: string; readonly number?: string }[],
  options: ResolvedMatchOptions,
): string[] => {
  const values = entries.map((entry) =>
    field === 'emails' ? normaliseEmail(entry.address ?? '') : normalisePhone(entry.number ?? '', options),
  );
  return [...new Set(values.filter((value): value is string => value !== undefined))].sort();
};

const write = (
  state: MatchKeys,
  field: Field,
  entries: readonly { readonly address?: string; readonly number?: string }[] | undefined,
  at: number,
  options: ResolvedMatchOptions,
): MatchKeys => {
  if (entries === undefined || state.forgotten) return state;
  const list = normalisedList(field, entries, options);
  if (!beats(at, list, state.changedAt?.[field], state[field] ?? [])) return state;
  const { [field]: _old, ...rest } = state;
  return {
    ...rest,
    ...(list.length > 0 && { [field]: list }),
    changedAt: { ...state.changedAt, [field]: at },
  };
};

const isEmpty = (state: MatchKeys) => Object.keys(state).length === 0;

/** Folds one identity or contact event into a record's match keys; `null` when nothing is left to remember. */
export const evolveMatchKeys = (
  state: MatchKeys,
  event: RecordedEvent,
  ctx: ProjectionContext,
  options: ResolvedMatchOptions,
): MatchKeys | null => {
  const at = ctx.now.getTime();
  const e = event as Recorded<TouchpointEvent>;
  let next = state;
  switch (e.type) {
    case 'CustomerRegistered':
      next = write(write(state, 'emails', e.data.emails, at, options), 'phones', e.data.phones, at, options);
      break;
    case 'ContactDetailsChanged': {
      const { emails, phones } = e.data.changes;
      next = write(write(state, 'emails', emails, at, options), 'phones', phones, at, options);
      break;
    }
    case 'CustomerMergedInto': {
      const { id, at: prior } = state.mergedInto ?? {};
      const into = beats(at, e.data.survivorId, prior, id) ? { id: e.data.survivorId, at } : state.mergedInto;
      next = { ...state, closed: (state.closed ?? 0) + 1, ...(into && { mergedInto: into }) };
      break;
    }
    case 'CustomerRestored':
      next = { ...state, closed: (state.closed ?? 0) - 1 };
      break;
    case 'CustomerForgotten': {
      const { emails: _e, phones: _p, changedAt: _c, ...rest } = state;
      next = { ...rest, forgotten: true };
      break;
    }
    default:
      return state;
  }
  if (next.closed === 0) {
    const { closed: _zero, ...rest } = next;
    next = rest;
  }
  return isEmpty(next) ? null : next;
};
