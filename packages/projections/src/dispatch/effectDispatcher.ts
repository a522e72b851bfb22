import type { OutboxEntry } from '../effects/outbox';
import { createSignal } from '../internal/live/signal';
import { backoffMs } from './backoff';
import type { EffectDispatcherOptions } from './dispatcherOptions';
import { executeEffect } from './executeEffect';
import { resolveDispatcherOptions } from './resolveDispatcherOptions';

/** What a drain (or one round) did. */
export interface DispatchReport {
  /** Commands executed and messages acknowledged. */
  readonly sent: number;
  /** Attempts that failed and were scheduled again. */
  readonly failed: number;
  /** Effects given up on (a permanent refusal, or the last attempt failed). */
  readonly dead: number;
}

/** Executes the outbox's effects: commands through their deciders, messages through the sender. */
export interface EffectDispatcher {
  /** Executes what is due now, round after round, until nothing is; resolves with what it did. */
  drain(): Promise<DispatchReport>;
  /** Keeps draining in the background, every `pollIntervalMs` or when woken; does nothing if already started. */
  start(): void;
  /** Finishes the round in hand and stops. */
  stop(): Promise<void>;
  /** Wakes a started dispatcher now (after a reactor's commit, say) instead of at its next poll. */
  wake(): void;
  /** Makes a dead effect pending again, due now; its history keeps every earlier attempt. */
  retry(id: string): Promise<OutboxEntry>;
}

const plus = (a: DispatchReport, b: DispatchReport): DispatchReport => ({
  sent: a.sent + b.sent,
  failed: a.failed + b.failed,
  dead: a.dead + b.dead,
});

/**
 * Creates a dispatcher over an outbox. Each round leases a batch of due effects to this dispatcher, executes them
 * (with the effect id as idempotency key), and records each outcome: sent, failed (due again after a backoff with
 * jitter) or dead after `maxAttempts` or a permanent refusal. A dispatcher that dies mid-round leaves its leases to
 * run out; another then executes those effects again, which the id makes harmless: at least once, never twice in effect.
 *
 * @example
 * const dispatcher = createEffectDispatcher({
 *   outbox: readModels.outbox, eventStore, reactors: [earnPoints, welcome],
 *   commands: { EarnPoints: { decider: loyaltyDecider, streamId: (c) => `loyalty-${c.data.customerId}` } },
 *   send: async (message) => mailer.send(message.payload, { idempotencyKey: message.id }),
 * });
 * dispatcher.start();
 */
export const createEffectDispatcher = (options: EffectDispatcherOptions): EffectDispatcher => {
  const resolved = resolveDispatcherOptions(options);
  const { outbox, clock, owner, batchSize, concurrency, leaseMs, maxAttempts, backoff, random } = resolved;
  const signal = createSignal();
  let running: Promise<void> | undefined;
  let stopping = false;

  const settle = async (entry: OutboxEntry): Promise<keyof DispatchReport> => {
    const attempt = await executeEffect(resolved, entry);
    const at = clock.now();
    if (attempt.ok) {
      await outbox.settle(entry.id, { outcome: 'sent', owner, at: at.toISOString() });
      return 'sent';
    }
    const count = entry.attempts + 1;
    if (attempt.permanent || count >= maxAttempts) {
      await outbox.settle(entry.id, { outcome: 'dead', owner, at: at.toISOString(), error: attempt.error });
      return 'dead';
    }
    const retryAt = new Date(at.getTime() + backoffMs(count, backoff.initialMs, backoff.maxMs, random));
    await outbox.settle(entry.id, {
      outcome: 'failed',
      owner,
      at: at.toISOString(),
      error: attempt.error,
      retryAt: retryAt.toISOString(),
    });
    return 'failed';
  };

  /** One round: claim a batch, execute it `concurrency` at a time; resolves with what it did and how many it claimed. */
  const round = async (): Promise<DispatchReport & { readonly claimed: number }> => {
    const now = clock.now();
    const claimed = await outbox.claim({
      now: now.toISOString(),
      limit: batchSize,
      owner,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    });
    const report = { sent: 0, failed: 0, dead: 0 };
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const entry = claimed[next++]!;
        report[await settle(entry)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
    return { ...report, claimed: claimed.length };
  };

  const drain = async (): Promise<DispatchReport> => {
    let total: DispatchReport = { sent: 0, failed: 0, dead: 0 };
    for (;;) {
      const { claimed, ...report } = await round();
      total = plus(total, report);
      // a settled command lets the next of its document go (the outbox keeps them in order): claim again
      if (claimed < batchSize && report.sent + report.dead === 0) return total;
    }
  };

  const loop = async () => {
    while (!stopping) {
      try {
        await drain();
      } catch (error) {
        resolved.onError(error);
      }
      if (!stopping) await signal.wait(resolved.pollIntervalMs);
    }
  };

  return {
    drain,
    start() {
      if (running !== undefined) return;
      stopping = false;
      running = loop().finally(() => {
        running = undefined;
      });
    },
    async stop() {
      stopping = true;
      signal.notify();
      await running;
    },
    wake: () => signal.notify(),
    retry: (id) => outbox.retry(id, clock.now().toISOString()),
  };
};
