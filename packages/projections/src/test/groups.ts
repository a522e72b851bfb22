import { isRapportError, type RecordedEvent } from '@rapport/core';
import { defineProjection } from '../definition/defineProjection';
import { recorded } from './fixtures';
import { minute, type TestEvent } from './harness';

/** Test-only: a group of records: its own touches, the touches of each record merged into it, and what it was woken for. */
export interface Group {
  readonly touches: number;
  readonly parts: Readonly<Record<string, number>>;
  readonly woken: readonly string[];
  readonly refused?: readonly string[];
}

export interface GroupData {
  readonly from?: string;
  /** Unmerged: throw after asking for the release. */
  readonly boom?: boolean;
  /** Unmerged: catch what `ctx.release` throws and keep its code in `refused`. */
  readonly probe?: boolean;
  /** Unmerged: timers for the released document, in minutes after the event. */
  readonly wakeIn?: readonly number[];
}

const empty: Group = { touches: 0, parts: {}, woken: [] };

/** Test-only: merges absorb a record's document, unmerges give it back with its touches; names its own timer after a merge. */
export const groups = (version = 1, failurePolicy: 'stop' | 'skip' = 'stop') =>
  defineProjection<Group>({
    name: 'groups',
    version,
    handles: ['Touched', 'Merged', 'Unmerged'],
    related: (event) => (event.type === 'Merged' ? [(event.data as GroupData).from!] : []),
    init: () => empty,
    failurePolicy,
    evolve: (state, event, ctx) => {
      const data = event.data as GroupData;
      const from = data.from ?? '';
      const address = event.metadata.customerId!;
      if (event.type === 'Touched') {
        if (address === ctx.key) return { ...state, touches: state.touches + 1 };
        return { ...state, parts: { ...state.parts, [address]: (state.parts[address] ?? 0) + 1 } };
      }
      if (event.type === 'Merged') {
        const absorbed = ctx.related<Group>(from);
        ctx.absorb(from);
        ctx.schedule(new Date(ctx.now.getTime() + 60 * 60_000), `review:${from}`);
        return { ...state, parts: { ...state.parts, [from]: absorbed?.touches ?? 0 } };
      }
      const wakeIn = data.wakeIn ?? [];
      const timers = wakeIn.map((minutes) => ({
        at: new Date(ctx.now.getTime() + minutes * 60_000),
        name: `wake-${minutes}`,
      }));
      try {
        ctx.release(from, { ...empty, touches: state.parts[from] ?? 0 }, timers);
      } catch (error) {
        if (data.probe !== true) throw error;
        const refusal = isRapportError(error) ? `${error.code}: ${error.message}` : 'untyped';
        return { ...state, refused: [...(state.refused ?? []), refusal] };
      }
      if (data.boom === true) throw new Error(`boom after releasing ${from}`);
      const { [from]: _released, ...parts } = state.parts;
      return { ...state, parts };
    },
    onTimer: (state, timer) => ({
      ...state,
      woken: [...state.woken, `${timer.name}@${timer.at.slice(11, 16)}`],
    }),
  });

export const touched = (key: string, at: number): TestEvent => ({ type: 'Touched', key, at: minute(at) });
export const merged = (key: string, from: string, at: number): TestEvent => ({
  type: 'Merged',
  key,
  at: minute(at),
  data: { from },
});
export const unmerged = (
  key: string,
  from: string,
  at: number,
  extra: Omit<GroupData, 'from'> = {},
): TestEvent => ({
  type: 'Unmerged',
  key,
  at: minute(at),
  data: { from, ...(extra as Record<string, never>) },
});

export const record = (events: readonly TestEvent[]): RecordedEvent[] =>
  events.map((event, i) => recorded(i + 1, event.type, event.key, event.at, event.data));

/** Test-only: w merged into x, x into a; then a gives x back (with w inside it), and each goes on with events of its own. */
export const splitHistory: TestEvent[] = [
  touched('w', 1),
  touched('x', 2),
  merged('x', 'w', 3),
  touched('a', 4),
  merged('a', 'x', 5),
  touched('w', 6),
  touched('x', 7),
  unmerged('a', 'x', 8, { wakeIn: [0, 30] }),
  touched('w', 9),
  touched('x', 10),
  touched('a', 11),
];

/** Test-only: releases and merges back and forth, with events for a released key right after its release. */
export const churn: TestEvent[] = [
  ...splitHistory,
  merged('a', 'x', 12),
  touched('w', 13),
  unmerged('a', 'x', 14, { wakeIn: [0] }),
  touched('w', 15),
  merged('b', 'x', 16),
  unmerged('b', 'w', 17),
  touched('w', 18),
  unmerged('b', 'x', 19, { wakeIn: [5, 500] }),
  touched('x', 20),
  merged('x', 'a', 21),
  unmerged('x', 'a', 22),
  touched('a', 23),
];
