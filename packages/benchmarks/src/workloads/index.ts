import type { Workload } from '../harness/types';
import { commandLatency } from './commandLatency';
import { inmemAppend } from './inmemAppend';
import { inmemRebuild } from './inmemRebuild';
import { liveLatencyInMemory } from './liveLatencyInMemory';
import { liveLatencyPostgres } from './liveLatencyPostgres';
import { loyaltyRebuild } from './loyaltyRebuild';
import { memoryPerCustomer } from './memoryPerCustomer';
import { pgAppend } from './pgAppend';
import { pgImport } from './pgImport';
import { pgProjection } from './pgProjection';
import { pgProjectionOrder } from './pgProjectionOrder';
import { reactorInMemory } from './reactorInMemory';
import { reactorPostgres } from './reactorPostgres';
import { redeemLatency } from './redeemLatency';
import { sqliteAppend } from './sqliteAppend';
import { sqliteImport } from './sqliteImport';
import { sqliteProjection } from './sqliteProjection';

/** Every workload, in the order `pnpm bench` runs them. Add one by writing a file and listing it here. */
export const workloads: readonly Workload[] = [
  inmemAppend,
  inmemRebuild,
  memoryPerCustomer,
  commandLatency,
  redeemLatency,
  liveLatencyInMemory,
  reactorInMemory,
  loyaltyRebuild,
  pgAppend,
  pgImport,
  liveLatencyPostgres,
  pgProjection,
  pgProjectionOrder,
  reactorPostgres,
  sqliteAppend,
  sqliteImport,
  sqliteProjection,
];
