import type { Effect, ReadModelStore } from '@rapport/projections';

/** A minute of 2025-01-01 09:xx UTC. */
export const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();

/** An effect of reactor `reactor` (a name unique to the test), for document `key`, caused by event `n`. */
export const effect = (reactor: string, n: number, patch: Partial<Effect> = {}): Effect => ({
  id: `${reactor}:k${n}:e-${n}:Send`,
  kind: 'message',
  reactor,
  version: 1,
  key: `k${n}`,
  name: 'Send',
  type: 'Send',
  payload: { n, text: 'héllo\u0000 "quoted"', nested: [1, { deep: true }] },
  notBefore: undefined,
  cause: {
    eventId: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    eventType: 'Touched',
    position: BigInt(n) + 2n ** 60n,
    at: at(0),
    timer: undefined,
    correlationId: undefined,
  },
  ...patch,
});

export const idsOf = (entries: readonly { readonly id: string }[]) => entries.map((entry) => entry.id);

export const claimAll = (store: ReadModelStore, now: string, owner = 'w1', leaseUntil = at(50)) =>
  store.outbox.claim({ now, limit: 1000, owner, leaseUntil });

export const mine = (reactor: string, entries: readonly Effect[]) =>
  entries.filter((entry) => entry.reactor === reactor);
