import { foldProjection } from '@rapport/projections';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTime, type EventSpec, inTimeOrder, recordAll } from '../__fixtures__/arbitraryHistory';
import { contentKey } from '../internal/order';
import { createDuplicateIndex } from './duplicateCandidates';
import { createDuplicatesProjection } from './duplicatesProjection';
import type { MatchKeys } from './matchKeys';
import { normaliseEmail, normalisePhone, resolveMatchOptions } from './normalise';

type Spec = EventSpec & { readonly customerId: string };
const ids = ['c1', 'c2', 'c3', 'c4'];
const options = resolveMatchOptions({ defaultCountryCode: '44' });
const projection = createDuplicatesProjection({ defaultCountryCode: '44' });

// small pools, written in several ways, so that records share identifiers often
const emails = fc.constantFrom('kim@example.com', 'KIM@example.com', 'lee@example.com', 'ann@example.org');
const phones = fc.constantFrom('+44 20 7946 0018', '020 7946 0018', '0044 20 7946 0019', '+1 555 010 0199');
const contact = fc.record(
  {
    emails: fc.uniqueArray(
      emails.map((address) => ({ address })),
      { maxLength: 2 },
    ),
    phones: fc.uniqueArray(
      phones.map((number) => ({ number })),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

const none = { orders: [], invoices: [] };
/** Merges of a record into a lower-numbered one (so no cycle), each maybe undone later. */
const episodes = (customerId: string, index: number): fc.Arbitrary<Spec[]> =>
  index === 0
    ? fc.constant([])
    : fc
        .array(
          fc.record({
            into: fc.constantFrom(...ids.slice(0, index)),
            at: arbitraryTime(),
            undone: fc.boolean(),
          }),
          { maxLength: 2 },
        )
        .map((list) => {
          const sorted = [...list].sort((a, b) => a.at - b.at);
          return sorted.flatMap(({ into, at, undone }, k): Spec[] => {
            const closing: Spec = { type: 'CustomerMergedInto', data: { survivorId: into }, at, customerId };
            // a record is given back before it can be merged again
            if (!undone && k < sorted.length - 1) return [];
            const reopening: Spec = {
              type: 'CustomerRestored',
              data: { survivorId: into, status: 'customer', returned: none },
              at: at + 1,
              customerId,
            };
            return undone ? [closing, reopening] : [closing];
          });
        });

const history: fc.Arbitrary<Spec[]> = fc
  .tuple(
    fc.array(
      fc.record({
        customerId: fc.constantFrom(...ids),
        at: arbitraryTime(),
        register: fc.boolean(),
        changes: contact,
      }),
      { maxLength: 12 },
    ),
    fc.array(fc.record({ customerId: fc.constantFrom(...ids), at: arbitraryTime() }), { maxLength: 1 }),
    fc.tuple(...ids.map(episodes)),
  )
  .map(([contacts, forgets, merges]) => [
    ...contacts.map(
      ({ customerId, at, register, changes }): Spec =>
        register
          ? { type: 'CustomerRegistered', data: { kind: 'customer', ...changes }, at, customerId }
          : {
              type: 'ContactDetailsChanged',
              data: { changes: { ...changes, name: { given: 'x' } } },
              at,
              customerId,
            },
    ),
    ...forgets.map((f): Spec => ({ type: 'CustomerForgotten', data: { reason: 'subject_request' }, ...f })),
    ...merges.flat(),
  ]);

const latest = <T>(writes: readonly { at: number; value: T }[]): T | undefined =>
  [...writes].sort((a, b) => a.at - b.at || (contentKey(a.value) < contentKey(b.value) ? -1 : 1)).at(-1)
    ?.value;

/** The documents a naive replay gives: the latest list of each field, merges minus restores, forgetting final. */
const model = (specs: readonly Spec[]): Map<string, MatchKeys> => {
  const out = new Map<string, MatchKeys>();
  for (const id of ids) {
    const mine = specs.filter((s) => s.customerId === id);
    const list = (field: 'emails' | 'phones') => {
      const writes = mine.flatMap((s) => {
        const data = s.data as { changes?: Record<string, unknown> } & Record<string, unknown>;
        const entries = (data.changes ?? data)[field] as { address?: string; number?: string }[] | undefined;
        if (entries === undefined || (s.type !== 'CustomerRegistered' && s.type !== 'ContactDetailsChanged'))
          return [];
        const normal = entries.map((e) =>
          field === 'emails' ? normaliseEmail(e.address!) : normalisePhone(e.number!, options),
        );
        return [{ at: s.at, value: [...new Set(normal.filter((v) => v !== undefined))].sort() }];
      });
      return { value: latest(writes), at: writes.length ? Math.max(...writes.map((w) => w.at)) : undefined };
    };
    const forgotten = mine.some((s) => s.type === 'CustomerForgotten');
    const closes = mine.filter((s) => s.type === 'CustomerMergedInto');
    const closed = closes.length - mine.filter((s) => s.type === 'CustomerRestored').length;
    const into = latest(
      closes.map((s) => ({ at: s.at, value: (s.data as { survivorId: string }).survivorId })),
    );
    const doc: Record<string, unknown> = {};
    if (!forgotten) {
      const e = list('emails');
      const p = list('phones');
      if (e.value?.length) doc.emails = e.value;
      if (p.value?.length) doc.phones = p.value;
      const changedAt = {
        ...(e.at !== undefined && { emails: e.at }),
        ...(p.at !== undefined && { phones: p.at }),
      };
      if (Object.keys(changedAt).length) doc.changedAt = changedAt;
    } else doc.forgotten = true;
    if (closed !== 0) doc.closed = closed;
    if (into !== undefined)
      doc.mergedInto = {
        id: into,
        at: Math.max(
          ...closes.filter((s) => (s.data as { survivorId: string }).survivorId === into).map((s) => s.at),
        ),
      };
    if (Object.keys(doc).length) out.set(id, doc as MatchKeys);
  }
  return out;
};

const fold = (specs: readonly Spec[]) => foldProjection(projection, recordAll(specs)).documents;

describe('given any contact changes, erasures, merges and unmerges of a few records', () => {
  it('the match keys are the same whatever order the events arrive in, and equal a naive replay', () => {
    fc.assert(
      fc.property(
        history.chain((specs) =>
          fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length })),
        ),
        ([specs, arrival]) => {
          const inOrder = foldProjection(projection, inTimeOrder(recordAll(specs))).documents;
          expect(fold(arrival)).toEqual(inOrder);
          expect(new Map([...inOrder].sort())).toEqual(model(specs));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('two open records are suggested exactly when their identifiers (and those of records merged into them) meet', () => {
    fc.assert(
      fc.property(history, (specs) => {
        const documents = fold(specs);
        const index = createDuplicateIndex(documents);
        const rootOf = (id: string): string => {
          const doc = documents.get(id);
          return doc?.mergedInto && (doc.closed ?? 0) > 0 ? rootOf(doc.mergedInto.id) : id;
        };
        const open = ids.filter((id) => rootOf(id) === id && !documents.get(id)?.forgotten);
        const keys = (root: string) =>
          new Set(
            ids
              .filter((id) => rootOf(id) === root)
              .flatMap((id) => [
                ...(documents.get(id)?.emails ?? []).map((v) => `email:${v}`),
                ...(documents.get(id)?.phones ?? []).map((v) => `phone:${v}`),
              ]),
          );
        for (const id of ids) {
          const found = index.candidates(id);
          if (!open.includes(id)) {
            expect(found).toEqual([]);
            continue;
          }
          const expected = open
            .filter((other) => other !== id)
            .map((other) => ({ other, shared: [...keys(id)].filter((k) => keys(other).has(k)).sort() }))
            .filter(({ shared }) => shared.length > 0);
          expect(
            Object.fromEntries(
              found.map((c) => [c.customerId, c.reasons.map((r) => `${r.kind}:${r.value}`)]),
            ),
          ).toEqual(Object.fromEntries(expected.map(({ other, shared }) => [other, shared])));
        }
      }),
      { numRuns: 150 },
    );
  });
});
