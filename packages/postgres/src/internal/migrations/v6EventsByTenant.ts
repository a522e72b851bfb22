import type { Migration } from './migration';

/**
 * An index on (tenant_id, global_position): `readAll`, subscriptions and `headPosition` read one tenant's log in
 * position order, and without it the planner had to pick between walking the primary key and filtering by tenant
 * (slow with many tenants) and bitmap-joining the tenant index with it and sorting each page (what it chose on a
 * freshly loaded table without statistics: ~40 ms per page of 2 000 instead of ~2 ms). On a large existing table,
 * create it by hand first with `CREATE INDEX CONCURRENTLY IF NOT EXISTS events_tenant_position ON <schema>.events
 * (tenant_id, global_position)`: this migration then does nothing, instead of blocking appends while it builds.
 */
export const v6EventsByTenant: Migration = {
  version: 6,
  name: 'events by tenant and position',
  sql: ({ quoted: s }) => `
CREATE INDEX IF NOT EXISTS events_tenant_position ON ${s}.events (tenant_id, global_position);
`,
};
