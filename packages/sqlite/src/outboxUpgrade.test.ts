import type { Effect } from '@rapport/projections';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../test/tempFile';
import { createSqliteReadModelStore } from './index';
import { encodeJson } from './internal/jsonCodec';
import { migrations } from './internal/migrations';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();

const command = (key: string, n: number, kind: Effect['kind'] = 'command'): Effect => ({
  id: `earner:${key}:${n}`,
  kind,
  reactor: 'earner',
  version: 1,
  key,
  name: 'Earn',
  type: 'EarnPoints',
  payload: { n, text: 'nul\u0000 kept' },
  notBefore: undefined,
  cause: {
    eventId: undefined,
    eventType: 'Purchased',
    position: BigInt(n),
    at: at(0),
    timer: undefined,
    correlationId: undefined,
  },
});

describe('an outbox written before commands waited in line', () => {
  it('holds its pending commands in line once the file is migrated, with those committed after', async () => {
    const file = tempFile();
    const raw = new Database(file);
    for (const sql of migrations.slice(0, 3)) raw.exec(sql);
    raw.pragma('user_version = 3');
    // as the version 3 outbox inserted them
    const insert = raw.prepare(
      `INSERT INTO rapport_outbox (tenant, id, reactor, status, due_at, entry) VALUES ('default', ?, ?, ?, ?, ?)`,
    );
    const old = (effect: Effect, status: 'pending' | 'dead') =>
      insert.run(
        effect.id,
        effect.reactor,
        status,
        at(1),
        encodeJson({ ...effect, status, attempts: 0, createdAt: at(1), dueAt: at(1), history: [] }),
      );
    old(command('a', 1), 'pending');
    old(command('a', 2), 'pending');
    old(command('b', 1), 'dead');
    old(command('m', 1, 'message'), 'pending');
    raw.close();

    const store = createSqliteReadModelStore({ file });
    try {
      await store.commit({
        collection: 'earner_v1',
        documents: [],
        timers: [],
        aliases: [],
        deadLetters: [],
        checkpoint: { expected: undefined, next: { position: 1n, watermark: undefined } },
        effects: [command('a', 3), command('b', 2)],
        recordedAt: at(1),
      });
      await store.outbox.retry('earner:b:1', at(1));
      const claim = async (minute: number, owner: string) =>
        (await store.outbox.claim({ now: at(minute), limit: 10, owner, leaseUntil: at(30) })).map(
          (e) => e.id,
        );
      expect(await claim(2, 'w1')).toEqual(['earner:a:1', 'earner:b:1', 'earner:m:1']);
      for (const id of ['earner:a:1', 'earner:b:1'])
        expect(await store.outbox.settle(id, { outcome: 'sent', owner: 'w1', at: at(3) })).toBe(true);
      expect(await claim(4, 'w2')).toEqual(['earner:a:2', 'earner:b:2']);
    } finally {
      await store.close();
    }
  });
});
