import type { Migration } from './migration';
import { v1Events } from './v1Events';
import { v2AppendFunctions } from './v2AppendFunctions';
import { v3BulkAppendFunctions } from './v3BulkAppendFunctions';
import { v4ReadModels } from './v4ReadModels';
import { v5DataKeys } from './v5DataKeys';
import { v6EventsByTenant } from './v6EventsByTenant';
import { v7ReleaseAliases } from './v7ReleaseAliases';
import { v8FastAppend } from './v8FastAppend';
import { v9TextResults } from './v9TextResults';
import { v10Outbox } from './v10Outbox';
import { v11CheckedBulkAppends } from './v11CheckedBulkAppends';
import { v12OutboxLines } from './v12OutboxLines';

/** Every migration, in version order. Never edit a released one: add a new version. */
export const migrations: readonly Migration[] = [
  v1Events,
  v2AppendFunctions,
  v3BulkAppendFunctions,
  v4ReadModels,
  v5DataKeys,
  v6EventsByTenant,
  v7ReleaseAliases,
  v8FastAppend,
  v9TextResults,
  v10Outbox,
  v11CheckedBulkAppends,
  v12OutboxLines,
];
