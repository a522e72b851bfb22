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

const versionOf = (name: string): string => {
  try {
    const url = import.meta.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(new URL(url), 'utf8')) as { version: string }).version;
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
  versions: Object.fromEntries(
    ['@rapport/core', '@event-driven-io/emmett', '@event-driven-io/emmett-postgresql', 'zod', 'pg'].map(
      (name) => [name, versionOf(name)],
    ),
  ),
  loadBefore: loadavg()[0] ?? 0,
  date: new Date().toISOString(),
});
