import type { Workload } from '../harness/types';
import { commandLatency } from './commandLatency';
import { inmemAppend } from './inmemAppend';
import { inmemRebuild } from './inmemRebuild';
import { memoryPerCustomer } from './memoryPerCustomer';
import { pgAppend } from './pgAppend';
import { pgImport } from './pgImport';

/** Every workload, in the order `pnpm bench` runs them. Add one by writing a file and listing it here. */
export const workloads: readonly Workload[] = [
  inmemAppend,
  inmemRebuild,
  memoryPerCustomer,
  commandLatency,
  pgAppend,
  pgImport,
];
