import { notFound, RapportError, renderValue, ValidationError } from '@rapport/core';
import { createTimerHeap } from '../internal/timers/timerHeap';
import type { Effect } from './effect';
import type { EffectHistoryEntry, EffectOutcome, OutboxEntry, OutboxStore } from './outbox';

/** The in-memory read-model store's outbox: the port, and the insert its commit makes. */
export interface InMemoryOutbox extends OutboxStore {
  /** Adds the effects whose ids are new, created at `recordedAt`; call only after `checkEffects` passed. */
  add(effects: readonly Effect[], recordedAt: string): void;
}

interface Slot {
  entry: OutboxEntry;
  /** Its place in `order`, the order effects entered. */
  readonly seq: number;
  lease: { readonly owner: string; readonly until: string } | undefined;
  /** Bumped on every change: heap entries made before it are stale. */
  stamp: number;
}

/**
 * A heap entry: the effect `id` becomes claimable at `at` (its due time, or the end of its lease). Its `key` is the
 * effect's place in the order effects entered, so effects due at the same instant are claimed oldest first, as the
 * PostgreSQL outbox's `ORDER BY due_at, seq` does, and not in the order of their (random) ids.
 */
interface Wake {
  readonly at: string;
  readonly key: string;
  readonly name: string;
  readonly id: string;
  readonly stamp: number;
}

// fixed width, so the heap's text order of keys is the numeric order of seq
const seqKey = (seq: number) => seq.toString().padStart(16, '0');

const later = (a: string, b: string) => (a > b ? a : b);

const positive = (value: unknown, path: string) => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new ValidationError([{ path, rule: 'must be a positive integer', got: renderValue(value) }]);
  return value;
};

/** The line a command waits in: commands of one reactor for one document run in the order they entered. */
const lineOf = (entry: Effect): string | undefined =>
  entry.kind === 'command' ? `${entry.reactor}\u001f${entry.key}` : undefined;

/**
 * Creates an empty in-memory outbox. Pending effects wait in a heap by the time they become claimable, so a claim
 * costs O(log n) per effect however many are pending; stale heap entries (settled or re-leased) are skipped. A
 * command behind a pending command of its line is passed over and woken when that one is settled.
 */
export const createInMemoryOutbox = (): InMemoryOutbox => {
  const slots = new Map<string, Slot>();
  const order: string[] = [];
  const heap = createTimerHeap<Wake>();
  /** The pending commands of each line, by seq, oldest first. */
  const lines = new Map<string, number[]>();
  const wake = (id: string, slot: Slot, at: string) =>
    heap.push({ at, key: seqKey(slot.seq), name: '', id, stamp: slot.stamp });
  const join = (slot: Slot) => {
    const line = lineOf(slot.entry);
    if (line === undefined) return;
    const queue = lines.get(line) ?? [];
    let i = queue.length;
    while (i > 0 && queue[i - 1]! > slot.seq) i--;
    queue.splice(i, 0, slot.seq);
    lines.set(line, queue);
  };
  /** Takes a settled command out of its line and wakes the one now at its head. */
  const leave = (slot: Slot, now: string) => {
    const line = lineOf(slot.entry);
    const queue = line === undefined ? undefined : lines.get(line);
    if (line === undefined || queue === undefined) return;
    const i = queue.indexOf(slot.seq);
    if (i >= 0) queue.splice(i, 1);
    if (queue.length === 0) lines.delete(line);
    else if (i === 0) {
      const id = order[queue[0]!]!;
      const head = slots.get(id)!;
      wake(id, head, later(head.entry.dueAt, head.lease?.until ?? now));
    }
  };
  const blocked = (slot: Slot) => {
    const line = lineOf(slot.entry);
    return line !== undefined && lines.get(line)?.[0] !== slot.seq;
  };
  const change = (slot: Slot, entry: OutboxEntry, history: EffectHistoryEntry) => {
    slot.entry = { ...entry, history: [...slot.entry.history, history] };
    slot.stamp++;
  };

  return {
    add(effects, recordedAt) {
      for (const effect of effects) {
        if (slots.has(effect.id)) continue;
        const dueAt = effect.notBefore === undefined ? recordedAt : effect.notBefore;
        const entry: OutboxEntry = {
          ...effect,
          status: 'pending',
          attempts: 0,
          createdAt: recordedAt,
          dueAt,
          history: [{ at: recordedAt, what: 'created' }],
        };
        const slot: Slot = { entry, seq: order.length, lease: undefined, stamp: 0 };
        slots.set(effect.id, slot);
        order.push(effect.id);
        join(slot);
        wake(effect.id, slot, dueAt);
      }
    },
    async claim({ now, limit, owner, leaseUntil }) {
      positive(limit, 'limit');
      const out: OutboxEntry[] = [];
      const taken: [string, Slot][] = [];
      while (out.length < limit) {
        const next = heap.peek();
        if (next === undefined || next.at > now) break;
        heap.pop();
        const slot = slots.get(next.id);
        if (slot === undefined || slot.stamp !== next.stamp || slot.entry.status !== 'pending') continue;
        if (blocked(slot)) continue; // woken when the command ahead of it is settled
        slot.lease = { owner, until: leaseUntil };
        slot.stamp++;
        taken.push([next.id, slot]);
        out.push(slot.entry);
      }
      for (const [id, slot] of taken) wake(id, slot, later(slot.entry.dueAt, leaseUntil));
      return out;
    },
    async settle(id, outcome: EffectOutcome) {
      const slot = slots.get(id);
      if (slot === undefined || slot.entry.status !== 'pending' || slot.lease?.owner !== outcome.owner)
        return false;
      const { entry } = slot;
      const attempt = entry.attempts + 1;
      slot.lease = undefined;
      if (outcome.outcome === 'sent') {
        change(
          slot,
          { ...entry, status: 'sent', attempts: attempt, dueAt: outcome.at },
          {
            at: outcome.at,
            what: 'sent',
            attempt,
          },
        );
        leave(slot, outcome.at);
      } else if (outcome.outcome === 'dead') {
        change(
          slot,
          { ...entry, status: 'dead', attempts: attempt, dueAt: outcome.at },
          {
            at: outcome.at,
            what: 'dead',
            attempt,
            error: outcome.error,
          },
        );
        leave(slot, outcome.at);
      } else {
        change(
          slot,
          { ...entry, attempts: attempt, dueAt: outcome.retryAt },
          {
            at: outcome.at,
            what: 'failed',
            attempt,
            error: outcome.error,
            retryAt: outcome.retryAt,
          },
        );
        wake(id, slot, outcome.retryAt);
      }
      return true;
    },
    get: async (id) => slots.get(id)?.entry,
    async list({ status, reactor, after, limit = 100 } = {}) {
      positive(limit, 'limit');
      const entries: OutboxEntry[] = [];
      // an unknown `after` lists nothing: it names no place in the order
      const start = after === undefined ? 0 : (slots.get(after)?.seq ?? order.length - 1) + 1;
      let more = false;
      for (let i = start; i < order.length; i++) {
        const entry = slots.get(order[i]!)!.entry;
        if (
          (status !== undefined && entry.status !== status) ||
          (reactor !== undefined && entry.reactor !== reactor)
        )
          continue;
        if (entries.length === limit) {
          more = true;
          break;
        }
        entries.push(entry);
      }
      return { entries, next: more ? entries[entries.length - 1]?.id : undefined };
    },
    async retry(id, at) {
      const slot = slots.get(id);
      if (slot === undefined) throw notFound(`outbox: no effect ${id}`, { id });
      if (slot.entry.status !== 'dead') {
        throw new RapportError(
          'IllegalState',
          `outbox: effect ${id} is ${slot.entry.status}, only a dead one can be retried`,
          {
            data: { id, status: slot.entry.status },
          },
        );
      }
      slot.lease = undefined;
      change(slot, { ...slot.entry, status: 'pending', dueAt: at }, { at, what: 'retried', retryAt: at });
      join(slot);
      wake(id, slot, at);
      return slot.entry;
    },
  };
};
