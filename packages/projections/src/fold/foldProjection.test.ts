import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/defineProjection';
import { recorded, tallyProjection } from '../test/fixtures';
import { foldProjection } from './foldProjection';

const t = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

describe('foldProjection', () => {
  it('folds handled events per document and passes over unhandled and unknown types', () => {
    const result = foldProjection(tallyProjection(), [
      recorded(1, 'Touched', 'a', t(1), { n: 2 }),
      recorded(2, 'SomethingUnknown', 'a', t(5), { n: 100 }),
      recorded(3, 'Touched', 'b', t(2), { n: 3 }),
      recorded(4, 'Touched', 'a', t(3), { n: 4 }),
      recorded(5, 'Touched', undefined, t(3), { n: 4 }),
    ]);
    expect(result.documents.get('a')).toMatchObject({ count: 2, sum: 6 });
    expect(result.documents.get('b')).toMatchObject({ count: 1, sum: 3 });
    expect(result.documents.size).toBe(2);
    expect(result.watermark).toBe(t(5));
  });

  it('fires a timer before the first event whose time reaches it, and keeps later ones pending', () => {
    const result = foldProjection(tallyProjection(), [
      recorded(1, 'Touched', 'a', t(0), { remindInMs: 10 * 60_000 }),
      recorded(2, 'Touched', 'a', t(0), { remindInMs: 60 * 60_000 }),
      recorded(3, 'Touched', 'b', t(10)),
    ]);
    expect(result.documents.get('a')?.fired).toEqual([`r-${recorded(1, 'x', 'a', t(0)).id}@${t(10)}`]);
    expect(result.timers).toEqual([
      {
        key: 'a',
        name: `r-${recorded(2, 'x', 'a', t(0)).id}`,
        at: t(60),
        payload: { id: recorded(2, 'x', 'a', t(0)).id },
      },
    ]);
  });

  it('applies only events up to `until`, then advances the watermark to it, firing timers due by then', () => {
    const events = [
      recorded(1, 'Touched', 'a', t(0), { remindInMs: 30 * 60_000, n: 1 }),
      recorded(2, 'Touched', 'a', t(40), { n: 10 }),
    ];
    // #region until
    const asOf = foldProjection(tallyProjection(), events, { until: t(35) });
    expect(asOf.documents.get('a')).toMatchObject({ count: 1, sum: 1 });
    expect(asOf.documents.get('a')?.fired).toHaveLength(1);
    expect(asOf.watermark).toBe(t(35));
    expect(asOf.timers).toEqual([]);
    // #endregion until
  });

  it('fires a timer scheduled at or before the watermark right after the current event', () => {
    const result = foldProjection(tallyProjection(), [
      recorded(1, 'Touched', 'b', t(30)),
      recorded(2, 'Touched', 'a', t(10), { remindInMs: 0 }),
    ]);
    expect(result.documents.get('a')?.fired).toEqual([`r-${recorded(2, 'x', 'a', t(0)).id}@${t(10)}`]);
  });

  it('routes events of an absorbed document to the absorbing one, transitively', () => {
    const result = foldProjection(tallyProjection(), [
      recorded(1, 'Touched', 'a', t(1), { n: 1 }),
      recorded(2, 'Touched', 'b', t(2), { n: 2 }),
      recorded(3, 'Merged', 'b', t(3), { from: 'a' }),
      recorded(4, 'Touched', 'c', t(4), { n: 4 }),
      recorded(5, 'Merged', 'c', t(5), { from: 'b' }),
      recorded(6, 'Touched', 'a', t(6), { n: 8 }),
    ]);
    expect([...result.documents.keys()]).toEqual(['c']);
    expect(result.documents.get('c')).toMatchObject({ count: 4, sum: 15, absorbed: ['a', 'b'] });
    expect(result.aliases).toEqual(
      new Map([
        ['a', 'b'],
        ['b', 'c'],
      ]),
    );
  });

  it("records a dead letter and stops under 'stop', or goes on under 'skip'", () => {
    const events = [
      recorded(1, 'Touched', 'a', t(1), { n: 1 }),
      recorded(2, 'Boom', 'a', t(2)),
      recorded(3, 'Touched', 'a', t(3), { n: 2 }),
    ];
    const stopped = foldProjection(tallyProjection(), events);
    expect(stopped.documents.get('a')).toMatchObject({ count: 1 });
    expect(stopped.stoppedBy).toMatchObject({ position: 2n, eventType: 'Boom', key: 'a', policy: 'stop' });
    expect(stopped.stoppedBy?.error.message).toBe('boom at 2');
    const skipped = foldProjection(tallyProjection({ failurePolicy: 'skip' }), events);
    expect(skipped.documents.get('a')).toMatchObject({ count: 2, sum: 3 });
    expect(skipped.deadLetters).toHaveLength(1);
    expect(skipped.stoppedBy).toBeUndefined();
  });

  it('deletes a document and its timers when evolve returns null', () => {
    const result = foldProjection(tallyProjection(), [
      recorded(1, 'Touched', 'a', t(1), { remindInMs: 60_000 * 60 }),
      recorded(2, 'Dropped', 'a', t(2)),
      recorded(3, 'Touched', 'b', t(200)),
    ]);
    expect(result.documents.has('a')).toBe(false);
    expect(result.timers).toEqual([]);
  });

  it('turns a context misuse into a dead letter that says what was wrong', () => {
    const misuse = defineProjection<{ readonly n: number }>({
      name: 'misuse',
      version: 1,
      handles: ['Touched', 'Merged'],
      init: () => ({ n: 0 }),
      evolve: (state, event, ctx) => {
        if (event.type === 'Merged') ctx.related('elsewhere');
        else ctx.schedule('not a date', 'later');
        return state;
      },
      onTimer: (state) => state,
      failurePolicy: 'skip',
    });
    const result = foldProjection(misuse, [
      recorded(1, 'Touched', 'a', t(1)),
      recorded(2, 'Merged', 'a', t(2)),
    ]);
    expect(result.deadLetters.map((letter) => letter.error.message)).toEqual([
      'projection misuse: timer later: must be a valid date (got not a date)',
      'projection misuse: ctx.related(elsewhere) was not declared by related(event)',
    ]);
    expect(result.documents.size).toBe(0);
  });
});
