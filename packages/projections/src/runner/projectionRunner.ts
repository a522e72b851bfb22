import type { RecordedEvent } from '@rapport/core';
import { BehaviorSubject, type Observable } from 'rxjs';
import { assertHandlesKnown } from '../definition/assertHandlesKnown';
import { createEngine, type Engine } from '../internal/engine/engine';
import { type LiveTime, runBatch } from '../internal/engine/runBatch';
import { type LiveFeed, openLiveFeed } from '../internal/live/liveFeed';
import { createSignal } from '../internal/live/signal';
import { createThroughput } from '../internal/live/throughput';
import { collectionName } from '../readModel/collectionName';
import type { Checkpoint } from '../readModel/readModelStore';
import type { ProjectionStatus } from './projectionStatus';
import { type ProjectionRunnerOptions, resolveRunnerOptions } from './runnerOptions';
import { statusOf } from './statusOf';

/** A running projection: catches up from its checkpoint, then follows the store live. */
export interface ProjectionRunner {
  /** Starts (or restarts) from the stored checkpoint; does nothing if already running. */
  start(): void;
  /** Finishes the batch in hand, commits it, and stops. */
  stop(): Promise<void>;
  status(): ProjectionStatus;
  /** Emits a status after every commit and every change of state. */
  readonly progress$: Observable<ProjectionStatus>;
  /** Reads the clock now (firing due timers) and resolves once that batch is committed; resolves at once when not running. */
  tick(): Promise<void>;
  /** Resolves when the checkpoint reaches `position`; rejects if the runner stops or fails first. */
  waitForPosition(position: bigint): Promise<void>;
}

/**
 * Creates a runner for one projection version. Each batch preloads its documents and due timers, applies its
 * events synchronously, and commits documents, timers, aliases, dead letters and the checkpoint together.
 */
export const createProjectionRunner = <TState, TEvent extends RecordedEvent = RecordedEvent>(
  options: ProjectionRunnerOptions<TState, TEvent>,
): ProjectionRunner => {
  const { projection: definition, eventStore, readModels } = options;
  const { clock, batchSize, tickIntervalMs, retryDelayMs, maxLiveBuffer, cacheSize, futureToleranceMs } =
    resolveRunnerOptions(options);
  if (eventStore.registry !== undefined) assertHandlesKnown(definition, eventStore.registry);
  const collection = collectionName(definition.name, definition.version);
  const signal = createSignal();
  const throughput = createThroughput();
  const status$ = new BehaviorSubject<ProjectionStatus>(statusOf(definition, collection));
  let running: Promise<void> | undefined;
  let stopping = false;
  const ticks: (() => void)[] = [];
  let tickRequested = false;

  const update = (patch: Partial<ProjectionStatus>, lastRecordedAt?: string) => {
    const next = { ...status$.value, ...patch, eventsPerSecond: throughput.perSecond() };
    const lagEvents = next.head > next.position ? next.head - next.position : 0n;
    let lagSeconds = next.lagSeconds;
    if (lagEvents === 0n) lagSeconds = 0;
    else if (lastRecordedAt !== undefined) {
      lagSeconds = Math.max(0, (clock.now().getTime() - Date.parse(lastRecordedAt)) / 1000);
    }
    status$.next({ ...next, lagEvents, lagSeconds });
  };
  const releaseTicks = () => {
    for (const resolve of ticks.splice(0)) resolve();
  };

  const loop = async () => {
    let engine: Engine<TState> | undefined;
    let committed: Checkpoint | undefined;
    let feed: LiveFeed | undefined;
    let active = false;
    const closeFeed = () => {
      feed?.close();
      feed = undefined;
    };
    const batch = async (
      events: readonly RecordedEvent[],
      extra: { live?: LiveTime; activate?: boolean },
    ) => {
      const context = {
        definition,
        collection,
        readModels,
        engine: engine!,
        clock,
        timerLimit: batchSize,
        committed,
      };
      const result = await runBatch(context, events, extra);
      committed = result.committed;
      if (result.activated) active = true;
      throughput.record(result.consumed);
      // a live batch read the head just before it: another read here would delay every waiter by a round trip
      const head = extra.live?.head ?? (await eventStore.headPosition());
      update(
        {
          position: committed?.position ?? 0n,
          watermark: engine!.watermark,
          head,
          active,
          lastError: undefined,
        },
        events[result.consumed - 1]?.metadata.recordedAt,
      );
      return result;
    };

    while (!stopping) {
      try {
        if (engine === undefined) {
          committed = await readModels.readCheckpoint(collection);
          const aliases = await readModels.listAliases(collection);
          const position = committed?.position ?? 0n;
          engine = createEngine(definition, {
            complete: false,
            track: true,
            position,
            watermark: committed?.watermark,
            aliases,
            cacheSize,
            futureToleranceMs,
          });
          active = (await readModels.activeVersion(definition.name)) === definition.version;
          throughput.reset();
          update({
            state: 'catching-up',
            position,
            watermark: committed?.watermark,
            active,
            failure: undefined,
          });
        }
        if (feed === undefined) {
          const page = await eventStore.readAll({ after: engine.position, maxCount: batchSize });
          const current = page.isEnd && !active ? await readModels.activeVersion(definition.name) : undefined;
          const activate = page.isEnd && !active && (current === undefined || current < definition.version);
          const result = await batch(page.events, { activate });
          if (engine.stoppedBy !== undefined) break;
          if (page.isEnd && result.consumed === page.events.length && !result.moreTimers) {
            feed = openLiveFeed(eventStore, engine.position, signal);
            update({ state: 'live' });
            signal.notify();
          }
          continue;
        }
        if (feed.size === 0 && !tickRequested && feed.error === undefined && !feed.completed) {
          await signal.wait(tickIntervalMs > 0 ? tickIntervalMs : undefined);
        }
        if (stopping) break;
        if (feed.error !== undefined) throw feed.error;
        if (feed.completed && feed.size === 0)
          throw new Error('the event store closed the live subscription');
        if (feed.size > maxLiveBuffer) {
          closeFeed();
          update({ state: 'catching-up' });
          continue;
        }
        tickRequested = false;
        const waiting = ticks.splice(0);
        let events = feed.peek(batchSize);
        const stale = events.findIndex((event) => event.globalPosition > engine!.position);
        const skip = stale === -1 ? events.length : stale;
        feed.drop(skip);
        events = events.slice(skip);
        const now = clock.now().toISOString();
        const result = await batch(events, { live: { now, head: await eventStore.headPosition() } });
        feed.drop(result.consumed);
        // a tick is answered once the watermark reached a clock reading taken after it was asked for
        if (result.reachedClock) for (const resolve of waiting) resolve();
        else ticks.unshift(...waiting);
        if (engine.stoppedBy !== undefined) break;
        if (result.moreTimers) signal.notify();
      } catch (error) {
        closeFeed();
        engine = undefined;
        if (stopping) break;
        update({ state: 'retrying', lastError: error instanceof Error ? error.message : String(error) });
        await signal.wait(retryDelayMs);
      }
    }
    closeFeed();
    releaseTicks();
    const failure = engine?.stoppedBy;
    update(failure === undefined ? { state: 'stopped' } : { state: 'failed', failure });
  };

  const start = () => {
    if (running !== undefined) return;
    stopping = false;
    update({ state: 'catching-up', failure: undefined, lastError: undefined });
    running = loop()
      .catch((error: unknown) => {
        // the loop handles store and projection errors itself; this only keeps a bug from going unnoticed
        update({ state: 'failed', lastError: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start,
    stop: async () => {
      stopping = true;
      signal.notify();
      await running;
    },
    status: () => status$.value,
    progress$: status$.asObservable(),
    tick() {
      if (running === undefined) return Promise.resolve();
      return new Promise<void>((resolve) => {
        ticks.push(resolve);
        tickRequested = true;
        signal.notify();
      });
    },
    waitForPosition: (position) =>
      new Promise<void>((resolve, reject) => {
        const subscription = status$.subscribe((status) => {
          if (status.position >= position) resolve();
          else if (status.state === 'stopped' || status.state === 'failed') {
            reject(
              new Error(
                `projection ${collection} ${status.state} at position ${status.position} before ${position}`,
              ),
            );
          } else return;
          queueMicrotask(() => subscription.unsubscribe());
        });
      }),
  };
};
