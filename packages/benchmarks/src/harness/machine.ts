import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';

/** Where and with what a run was measured. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly postgres: string | undefined;
  readonly versions: Readonly<Record<string, string>>;
  /** The 1-minute load average before and after the run: other processes compete for the same cores. */
  readonly loadBefore: number;
  loadAfter?: number;
  readonly date: string;
}

/** The version in a package.json under `packages/` (a workspace package, or a dependency in its node_modules). */
const versionOf = (path: string): string => {
  try {
    const url = new URL(`../../../${path}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

const postgresVersion = async (url: string): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
};

/** Describes this machine, the libraries measured and the PostgreSQL server. */
export const describeMachine = async (pgUrl: string): Promise<Machine> => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  postgres: await postgresVersion(pgUrl),
  versions: {
    '@rapport/core': versionOf('core'),
    '@event-driven-io/emmett': versionOf('benchmarks/node_modules/@event-driven-io/emmett'),
    '@event-driven-io/emmett-postgresql': versionOf(
      'benchmarks/node_modules/@event-driven-io/emmett-postgresql',
    ),
    zod: versionOf('core/node_modules/zod'),
    pg: versionOf('benchmarks/node_modules/pg'),
  },
  loadBefore: loadavg()[0] ?? 0,
  date: new Date().toISOString(),
});
