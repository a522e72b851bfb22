import { type EventStore, RapportError, type RecordedEvent, ValidationError } from '@rapport/core';
import { type Effect, foldProjection } from '@rapport/projections';
import { balances } from '../account/balances';
import { createEarningReactor, loyaltyKeyOf } from '../earning/earningReactor';
import type { Program } from '../program/programSchema';
import { epochOf, isoOf } from '../program/time';
import { type CustomerOutcome, compareOutcomes, outcomeOf, type Simulation, sumOutcomes } from './outcome';
import { type ReplayedAccount, replayAccount } from './replayAccounts';

/** Options of `simulate`. */
export interface SimulateOptions {
  /** The program versions in force now, which the candidate is compared with. */
  readonly current: readonly Program[];
  /** Movements and tier changes are counted from here (default: the start of the history). */
  readonly from?: string;
  /** The history is run up to here, timers included, and balances are read here. */
  readonly to: string;
  /** The live earning reactor's name: what it recorded is left out and decided again. Default `loyalty-earning`. */
  readonly liveReactor?: string;
}

const byPosition = (a: RecordedEvent, b: RecordedEvent) =>
  a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0;

const readHistory = async (source: readonly RecordedEvent[] | EventStore): Promise<RecordedEvent[]> => {
  if (Array.isArray(source)) return [...(source as readonly RecordedEvent[])].sort(byPosition);
  const store = source as EventStore;
  const events: RecordedEvent[] = [];
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 5000 });
    events.push(...page.events);
    if (page.events.length === 0 || page.lastPosition === after) return events;
    after = page.lastPosition;
  }
};

/** Runs `programs` over the inputs in memory: every account as a live run with no lag would leave it. */
const run = (programs: readonly Program[], inputs: readonly RecordedEvent[], to: string) => {
  const reactor = createEarningReactor({ programs, name: 'loyalty-what-if' });
  const fold = foldProjection(reactor, inputs, { until: to });
  const effects = new Map<string, Effect[]>();
  for (const effect of fold.effects) {
    const list = effects.get(effect.key) ?? [];
    list.push(effect);
    effects.set(effect.key, list);
  }
  const recorded = new Map<string, RecordedEvent[]>();
  for (const event of inputs) {
    if (!event.streamId.startsWith('loyalty-')) continue;
    const key = loyaltyKeyOf(event);
    if (key === undefined) continue;
    const list = recorded.get(key) ?? [];
    list.push(event);
    recorded.set(key, list);
  }
  const accounts = new Map<string, ReplayedAccount>();
  for (const key of new Set([...effects.keys(), ...recorded.keys()]))
    accounts.set(key, replayAccount(key, recorded.get(key) ?? [], effects.get(key) ?? []));
  return accounts;
};

/**
 * A what-if run of a program change: runs the `candidate` versions and the `current` ones over the same recorded
 * history (`to` included, timers fired), in memory, writing nothing and sending nothing, and returns per customer and
 * in total what each would have given (points earned, reversed and expired from `from`, balances at `to`, tier
 * changes and when) and the difference. What the live earning reactor recorded is left out and decided again by each
 * program; what customers and staff did (purchases, refunds, enrolments, redemptions, adjustments, manual tiers) is
 * kept, and a redemption the candidate leaves too few points for shows as a refusal. The same reactor and decider
 * run live, so the current program's side equals what the live run recorded.
 *
 * @example
 * const report = await simulate([{ ...sampleProgram, version: 2, effectiveFrom: '1997-01-01T00:00:00Z', … }], store,
 *   { current: [sampleProgram], to: '1998-06-30T23:59:59Z' });
 * report.total.difference.earned; // points the change would have issued, more or fewer
 */
export const simulate = async (
  candidate: readonly Program[],
  source: readonly RecordedEvent[] | EventStore,
  options: SimulateOptions,
): Promise<Simulation> => {
  const to = isoOf(epochOf(options.to, 'simulate: options.to'));
  const from =
    options.from === undefined ? undefined : isoOf(epochOf(options.from, 'simulate: options.from'));
  if (from !== undefined && from > to)
    throw new ValidationError([
      { path: 'simulate: options.from', rule: `must not be after to (${to})`, got: from },
    ]);
  const ids = new Set([...candidate, ...options.current].map((program) => program.id));
  if (candidate.length === 0 || options.current.length === 0 || ids.size !== 1)
    throw new RapportError(
      'Validation',
      `simulate: the candidate and the current programs must be versions of one program (got ${[...ids].join(', ') || 'none'})`,
    );
  const actor = `reactor:${options.liveReactor ?? 'loyalty-earning'}`;
  const inputs = (await readHistory(source)).filter(
    (event) => event.metadata.actor !== actor && event.metadata.occurredAt <= to,
  );
  const window = { ...(from === undefined ? {} : { from }), to };
  const currentRun = run(options.current, inputs, to);
  const candidateRun = run(candidate, inputs, to);
  const customers = [...new Set([...currentRun.keys(), ...candidateRun.keys()])].sort().map((customerId) => {
    const outcome = (accounts: Map<string, ReplayedAccount>): CustomerOutcome => {
      const account = accounts.get(customerId);
      return outcomeOf(account, account === undefined ? undefined : balances(account.state, to), window);
    };
    return compareOutcomes(customerId, outcome(currentRun), outcome(candidateRun));
  });
  const current = sumOutcomes(customers.map((c) => c.current));
  const proposed = sumOutcomes(customers.map((c) => c.candidate));
  return {
    window,
    total: { current, candidate: proposed, difference: compareOutcomes('', current, proposed).difference },
    customers,
  };
};
