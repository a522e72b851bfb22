import { type EventStore, maxTimerMs, RapportError, type RecordedEvent, readOptions } from '@rapport/core';
import {
  collectionName,
  createProjectionRunner,
  defineProjection,
  defineReactor,
  isReactor,
  type ProjectionStatus,
} from '@rapport/projections';
import type pg from 'pg';
import { connectClient } from './internal/connectClient';
import { storeUnavailable } from './internal/database';
import { partitionedProjection } from './internal/partitions/partitionedProjection';
import { createPartitionLocks, type PartitionLocks } from './internal/partitions/partitionLocks';
import { sharedLog } from './internal/partitions/sharedLog';
import { internalsOf } from './internal/readModels/readModelInternals';
import { assertCollection } from './internal/readModels/readModelNames';
import { sleep } from './internal/sleep';
import type { PartitionWorkerOptions } from './partitionWorkerOptions';
import type { PostgresReadModelStore } from './postgresReadModelStore';

/** One process's share of a partitioned projection. */
export interface PartitionWorker {
  /** Joins the workers of this projection and takes its share of the partitions; then keeps rebalancing. */
  start(): Promise<void>;
  /** Stops every runner (each commits its batch in hand), gives its partitions back and leaves. */
  stop(): Promise<void>;
  /** Counts the live workers now and takes or gives back partitions to hold ⌈partitions / workers⌉ at most. */
  rebalance(): Promise<void>;
  /** The partitions this worker owns, ascending. */
  owned(): readonly number[];
  /** The status of each owned partition's runner. */
  statuses(): ReadonlyMap<number, ProjectionStatus>;
}

/**
 * Runs a projection as `partitions` partitions by `partitionOf(documentKey, partitions)`, sharing them among worker
 * processes. Each partition has its own checkpoint and at most one owner, which holds a session-level advisory lock on
 * a dedicated connection: a worker that dies drops its connection, the server releases its partitions, and the
 * others take them over at their next rebalance, resuming from the partitions' checkpoints. Commits stay guarded by
 * the checkpoint, so even two owners at once (a worker cut off from the database) never apply an event twice.
 *
 * @example
 * const worker = createPartitionWorker({ projection: profileProjection, eventStore, readModels, partitions: 8 });
 * await worker.start();
 */
export const createPartitionWorker = <TState, TEvent extends RecordedEvent = RecordedEvent>(
  options: PartitionWorkerOptions<TState, TEvent>,
): PartitionWorker => {
  const read = readOptions('createPartitionWorker', options);
  const internals = internalsOf(read.raw('readModels') as PostgresReadModelStore);
  if (internals === undefined) {
    throw read.error('readModels must be a store from createPostgresReadModelStore', read.raw('readModels'));
  }
  const log = read.service<EventStore>(
    'eventStore',
    ['readAll', 'subscribeToAll', 'headPosition'],
    'an EventStore',
  );
  const given = read.raw('projection') as typeof options.projection;
  // a reactor keeps its emits: each partition's runner commits its effects with the partition's checkpoint
  const projection: typeof given =
    given !== null && typeof given === 'object' && isReactor(given)
      ? defineReactor(given)
      : defineProjection(given);
  if (read.raw('partitions') === undefined)
    throw read.error('partitions is required: an integer from 1 to 1024');
  const count = read.integer('partitions', 1, { min: 1, max: 1024 });
  const intervalMs = read.integer('rebalanceIntervalMs', 1000, { min: 1, max: maxTimerMs });
  const onError = read.callback('onError', (_error: unknown) => undefined);
  const runnerOptions = read.nested('runner');
  const collection = assertCollection(collectionName(projection.name, projection.version));
  const runners = new Map<number, ReturnType<typeof createProjectionRunner>>();
  const batchSize = runnerOptions.integer('batchSize', 2000, { min: 1, max: 100_000 });
  const eventStore = sharedLog(log, () => 2 * batchSize * (runners.size + 1));
  const offset = Math.floor(Math.random() * count);
  let client: pg.PoolClient | undefined;
  let locks: PartitionLocks | undefined;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let running = false;

  const stopRunners = async (which: readonly number[]) => {
    await Promise.all(which.map((index) => runners.get(index)?.stop()));
    for (const index of which) runners.delete(index);
  };
  const lost = (error: unknown) => {
    // the server released our locks with the connection: stop at once, rejoin at the next round
    client?.release(true);
    locks = undefined;
    client = undefined;
    onError(storeUnavailable('partition locks', error));
    void stopRunners([...runners.keys()]);
  };
  const connect = async (): Promise<PartitionLocks> => {
    if (locks !== undefined) return locks;
    let fresh: pg.PoolClient | undefined;
    fresh = await connectClient(internals.pool, (error) => {
      if (fresh !== undefined && client === fresh) lost(error);
    });
    const scope = { schema: internals.schema, tenant: internals.tenantId, collection, count };
    const opened = createPartitionLocks(fresh, scope);
    try {
      await opened.join();
    } catch (error) {
      fresh.release(true);
      throw error;
    }
    client = fresh;
    locks = opened;
    return opened;
  };

  const balance = async () => {
    if (!running) return;
    const held = await connect();
    const target = Math.ceil(count / Math.max(1, await held.members()));
    const mine = [...runners.keys()].sort((a, b) => a - b);
    if (mine.length > target) {
      const extra = mine.slice(target);
      await stopRunners(extra);
      for (const index of extra) await held.release(index);
    }
    for (let k = 0; k < count && runners.size < target && running; k++) {
      const index = (offset + k) % count;
      if (runners.has(index) || !(await held.tryTake(index))) continue;
      const runner = createProjectionRunner({
        ...(read.raw('runner') as typeof options.runner),
        projection: partitionedProjection(projection, index, count),
        eventStore,
        readModels: internals.partition(index, count),
      });
      runners.set(index, runner);
      runner.start();
    }
  };
  const rebalance = () => {
    round = round.then(balance).catch((error: unknown) => onError(error));
    return round;
  };

  return {
    async start() {
      if (running) return;
      await internals.context.ready();
      const parts = await internals.context.db.query<{ part_count: number }>(
        internals.context.statements.checkpointParts,
        [internals.context.tenant, collection],
      );
      const other = parts.find((row) => row.part_count !== count);
      if (other !== undefined) {
        throw new RapportError(
          'Configuration',
          `${collection} is checkpointed ${other.part_count === 0 ? 'as a whole' : `in ${other.part_count} partitions`}, not in ${count}: bump the projection version to change its partitioning`,
        );
      }
      running = true;
      await connect();
      await sleep(Math.min(100, intervalMs)); // lets workers started together see each other first
      await rebalance();
      timer = setInterval(() => void rebalance(), intervalMs);
    },
    async stop() {
      running = false;
      clearInterval(timer);
      await round;
      await stopRunners([...runners.keys()]);
      locks?.close();
      locks = undefined;
      client = undefined;
    },
    rebalance,
    owned: () => [...runners.keys()].sort((a, b) => a - b),
    statuses: () => new Map([...runners].map(([index, runner]) => [index, runner.status()])),
  };
};
