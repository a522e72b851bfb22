import { isRapportError } from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/defineProjection';
import { recorded } from '../test/fixtures';
import { groups, merged, record, splitHistory, touched, unmerged } from '../test/groups';
import { minute } from '../test/harness';
import { foldProjection } from './foldProjection';

describe('ctx.release', () => {
  it('gives a document back its key: its alias goes, keys absorbed into it follow it, and its later events reach it', () => {
    const result = foldProjection(groups(), record(splitHistory));
    // a keeps what w did while merged (its alias went through x); x comes back with its two touches and gets a third
    expect(result.documents.get('a')).toEqual({ touches: 2, parts: { w: 1 }, woken: [] });
    expect(result.documents.get('x')).toEqual({ touches: 3, parts: { w: 1 }, woken: ['wake-0@00:08'] });
    expect([...result.aliases]).toEqual([['w', 'x']]);
    // the released timer due at once fired right after the release; the later one waits under x
    expect(result.timers).toEqual([
      { key: 'x', name: 'wake-30', at: minute(38) },
      { key: 'a', name: 'review:x', at: minute(65) },
    ]);
  });

  it("keeps the survivor's own timers, even one named after the released key: timers belong to documents", () => {
    const result = foldProjection(groups(), record(splitHistory), { until: minute(70) });
    expect(result.documents.get('a')?.woken).toEqual(['review:x@01:05']);
    expect(result.documents.get('x')?.woken).toEqual(['wake-0@00:08', 'wake-30@00:38']);
  });

  it('refuses, with an IllegalState error naming the key, a key that is not absorbed into the document', () => {
    const probes = record([
      touched('a', 1),
      touched('b', 2),
      merged('b', 'x', 3),
      unmerged('a', 'x', 4, { probe: true }),
      unmerged('a', 'nobody', 5, { probe: true }),
      unmerged('a', 'a', 6, { probe: true }),
      merged('a', 'y', 7),
      unmerged('a', 'y', 8, { probe: true, wakeIn: [Number.NaN] }),
    ]);
    const result = foldProjection(groups(), probes);
    expect(result.documents.get('a')?.refused).toEqual([
      expect.stringMatching(
        /^IllegalState: .*ctx\.release\(x\) in document a: x is not absorbed into this document \(its events go to b\)$/,
      ),
      expect.stringMatching(/^IllegalState: .*ctx\.release\(nobody\) .*not absorbed.*go to nobody\)$/),
      expect.stringMatching(/^IllegalState: .*ctx\.release\(a\) in document a: a is not absorbed/),
      expect.stringMatching(/^Validation: .*timer wake-NaN: must be a valid date/),
    ]);
    // a refused release changes nothing: y is still absorbed into a
    expect([...result.aliases]).toEqual([
      ['x', 'b'],
      ['y', 'a'],
    ]);
  });

  it('refuses any malformed argument with a typed error, never an untyped one', () => {
    const outcomes = new Set<string>();
    const probe = defineProjection<{ readonly outcome?: string }>({
      name: 'probe',
      version: 1,
      handles: ['Merged', 'Probe'],
      init: () => ({}),
      onTimer: (state) => state,
      evolve: (state, event, ctx) => {
        if (event.type === 'Merged') {
          ctx.absorb('x');
          return state;
        }
        const [key, document, timers] = (event.data as { args: unknown[] }).args;
        try {
          ctx.release(key as string, document, timers as never);
          return { outcome: 'released' };
        } catch (error) {
          return { outcome: isRapportError(error) ? error.code : `untyped: ${String(error)}` };
        }
      },
    });
    fc.assert(
      fc.property(
        fc.tuple(
          fc.oneof({ weight: 4, arbitrary: fc.constant('x') }, fc.constantFrom('', 'a'), fc.anything()),
          fc.oneof(
            { weight: 4, arbitrary: fc.constant({ n: 1 }) },
            fc.constantFrom(null, undefined),
            fc.anything(),
          ),
          fc.oneof(
            fc.constant(undefined),
            {
              weight: 4,
              arbitrary: fc.array(
                fc.record({
                  at: fc.oneof(fc.date(), fc.string(), fc.anything()),
                  name: fc.oneof({ weight: 4, arbitrary: fc.constant('t') }, fc.anything()),
                }),
              ),
            },
            fc.anything(),
          ),
        ),
        (args) => {
          const result = foldProjection(probe, [
            recorded(1, 'Merged', 'a', minute(1)),
            recorded(2, 'Probe', 'a', minute(2), { args }),
          ]);
          const outcome = result.documents.get('a')?.outcome ?? 'none';
          outcomes.add(outcome);
          expect(['released', 'IllegalState', 'Validation']).toContain(outcome);
        },
      ),
      { numRuns: 300 },
    );
    expect([...outcomes].sort()).toEqual(['IllegalState', 'Validation', 'released']);
  });

  it('applies nothing when evolve throws after asking for a release: the key stays absorbed', () => {
    const history = record([
      touched('x', 1),
      merged('a', 'x', 2),
      unmerged('a', 'x', 3, { boom: true }),
      touched('x', 4),
    ]);
    const skipped = foldProjection(groups(1, 'skip'), history);
    expect(skipped.deadLetters.map((letter) => letter.error.message)).toEqual(['boom after releasing x']);
    expect([...skipped.aliases]).toEqual([['x', 'a']]);
    expect(skipped.documents.get('x')).toBeUndefined();
    expect(skipped.documents.get('a')?.parts).toEqual({ x: 2 });
    const stopped = foldProjection(groups(), history);
    expect(stopped.stoppedBy?.position).toBe(3n);
    expect([...stopped.aliases]).toEqual([['x', 'a']]);
    expect(stopped.documents.has('x')).toBe(false);
  });
});
