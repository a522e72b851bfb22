import { foldProjection } from '@rapport/projections';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyStart, recordAll } from '../__fixtures__/arbitraryHistory';
import { fold } from '../__fixtures__/events';
import {
  arbitraryArrival,
  arbitraryUnmergeScenario,
  inEventTime,
  readAt,
  recordOwn,
  shown,
} from '../__fixtures__/unmergeHistory';
import type { CustomerProfile } from './customerProfile';
import { profileProjection } from './profileProjection';

const end = historyStart + 600 * 86_400_000;
const foldUntilEnd = (events: Parameters<typeof fold>[0]) =>
  foldProjection(profileProjection, events, { until: new Date(end) }).documents;

describe('given two records merged at any time and given back at any later time', () => {
  it('the survivor shows exactly its own history again, the record given back is held whole, and nothing else remains', () => {
    fc.assert(
      fc.property(arbitraryUnmergeScenario(), (scenario) => {
        const arrival = inEventTime(scenario);
        const together = foldUntilEnd(recordAll(arrival));
        expect([...together.keys()]).toEqual(['keep']);
        const keep = together.get('keep')!;
        expect(shown(keep)).toEqual(shown(foldUntilEnd(recordOwn(arrival, 'keep')).get('keep')));
        expect(Object.keys(keep.identity ?? {})).toEqual(['held']);
        const alone = fold(recordOwn(arrival, 'dup')).get('dup')!;
        expect(readAt(keep.identity!.held!.dup!, end)).toEqual(readAt(alone, end));
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('the same holds whatever order the touchpoints arrive in', () => {
    fc.assert(
      fc.property(
        arbitraryUnmergeScenario().chain((scenario) =>
          fc.tuple(fc.constant(scenario), arbitraryArrival(scenario)),
        ),
        ([scenario, arrival]) => {
          const inOrder = foldUntilEnd(recordAll(inEventTime(scenario))).get('keep')!;
          const shuffled = foldUntilEnd(recordAll(arrival)).get('keep')!;
          const read = (p: CustomerProfile) => readAt(shown(p)!, end);
          expect(read(shuffled)).toEqual(read(inOrder));
          expect(readAt(shuffled.identity!.held!.dup!, end)).toEqual(
            readAt(inOrder.identity!.held!.dup!, end),
          );
          for (const profile of [shuffled, inOrder])
            expect(JSON.parse(JSON.stringify(profile))).toStrictEqual(profile);
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);
});
