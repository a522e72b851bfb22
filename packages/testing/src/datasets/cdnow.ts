import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { customerStreamId, type EventToAppend } from '@rapport/core';

/** One CDNOW purchase row. */
export interface CdnowTransaction {
  /** The customer's id in the master file, 5 digits (`00001`). */
  readonly customerId: string;
  /** Purchase day, `YYYY-MM-DD`. */
  readonly date: string;
  readonly cds: number;
  /** Value in US cents, read exactly from the two-decimal dollar figure. */
  readonly cents: number;
}

/** Which CDNOW file: the full log (69,659 rows) or the papers' 1/10 sample (6,919 rows). */
export type CdnowFile = 'master' | 'sample';

const FILES: Record<CdnowFile, string> = { master: 'CDNOW_master.txt', sample: 'CDNOW_sample.txt' };

/** The folder holding the shipped CDNOW files (works from source and from the built package). */
export const cdnowDirectory = (): string => {
  for (const relative of ['../../datasets/cdnow/', '../datasets/cdnow/']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(`${path}${FILES.sample}`)) return path;
  }
  throw new Error('CDNOW dataset not found next to @rapport/testing (expected datasets/cdnow/)');
};

const toCents = (dollars: string, line: number): number => {
  const match = /^(\d+)\.(\d{2})$/.exec(dollars);
  if (!match) throw new Error(`CDNOW line ${line}: dollar value "${dollars}" is not d.dd`);
  return Number(match[1]) * 100 + Number(match[2]);
};

/** Parses a CDNOW file into purchase rows, in file order (grouped by customer, then date). */
export const loadCdnowTransactions = (file: CdnowFile = 'sample'): CdnowTransaction[] => {
  const text = readFileSync(`${cdnowDirectory()}${FILES[file]}`, 'latin1');
  const out: CdnowTransaction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i]!.trim().split(/\s+/);
    if (fields.length < 4 || !/^\d+$/.test(fields[0]!)) continue; // header or blank
    const [id, date, cds, dollars] =
      file === 'sample' ? [fields[0], fields[2], fields[3], fields[4]] : fields;
    if (!/^\d{8}$/.test(date ?? '')) throw new Error(`CDNOW line ${i + 1}: date "${date}" is not YYYYMMDD`);
    out.push({
      customerId: id!,
      date: `${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6, 8)}`,
      cds: Number(cds),
      cents: toCents(dollars!, i + 1),
    });
  }
  return out;
};

/**
 * Turns CDNOW rows into touchpoints, sorted by event time (so timers and watermarks behave as they would
 * have live): a `CustomerRegistered` at each customer's first purchase, then one `PurchaseCompleted` per row.
 */
export const cdnowEvents = (
  transactions: readonly CdnowTransaction[],
): { streamId: string; event: EventToAppend }[] => {
  const seen = new Map<string, number>();
  const ordered = transactions
    .map((t, index) => ({ t, index }))
    .sort((a, b) => (a.t.date < b.t.date ? -1 : a.t.date > b.t.date ? 1 : a.index - b.index));
  const out: { streamId: string; event: EventToAppend }[] = [];
  for (const { t } of ordered) {
    const streamId = customerStreamId(t.customerId);
    const count = seen.get(t.customerId) ?? 0;
    const metadata = {
      customerId: t.customerId,
      occurredAt: `${t.date}T12:00:00.000Z`,
      channel: 'web' as const,
      source: 'cdnow',
    };
    if (count === 0) {
      out.push({
        streamId,
        event: {
          type: 'CustomerRegistered',
          data: { kind: 'customer', acquisition: { channel: 'web' } },
          metadata,
        },
      });
    }
    seen.set(t.customerId, count + 1);
    out.push({
      streamId,
      event: {
        type: 'PurchaseCompleted',
        data: {
          orderId: `${t.customerId}-${count + 1}`,
          lines: t.cds > 0 ? [{ sku: 'cd', category: 'music', quantity: t.cds }] : [],
          total: t.cents,
          currency: 'USD',
          paymentMethod: 'card',
        },
        metadata,
      },
    });
  }
  return out;
};
