import { z } from 'zod';
import type { ValidationIssue } from '../errors/validationError';
import { safeParseAs } from '../schema/parse';
import { channelSchema, customerIdSchema, timestampSchema } from '../schema/primitives';
import type { AppendMetadata, EventMetadata } from './envelope';

const text = z.string().min(1).max(200);

/** The metadata a caller may supply on append; used to explain what is wrong when the fast path refuses. */
export const appendMetadataSchema = z.strictObject({
  customerId: customerIdSchema.optional(),
  occurredAt: z.union([timestampSchema, z.date()]).optional(),
  channel: channelSchema.optional(),
  source: text.optional(),
  correlationId: text.optional(),
  causationId: text.optional(),
  actor: text.optional(),
  idempotencyKey: text.optional(),
  schemaVersion: z.number().int().min(1).optional(),
});

// the form `toISOString()` writes; zod's date-time rule also checks the calendar, which `isCalendarDay` adds
const NORMALIZED_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@#/+-]{0,127}$/;
const CHANNELS: ReadonlySet<string> = new Set(channelSchema.options);
const TEXT_KEYS = ['source', 'correlationId', 'causationId', 'actor', 'idempotencyKey'] as const;
const KEYS: ReadonlySet<string> = new Set(Object.keys(appendMetadataSchema.shape));

const digitsAt = (text: string, at: number, count: number): number => {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
};

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the day of a `NORMALIZED_TIME` exists in its month (no 30 February, no 31 April). */
const isCalendarDay = (time: string): boolean => {
  const day = digitsAt(time, 8, 2);
  if (day <= 28) return true;
  const month = digitsAt(time, 5, 2);
  if (day > DAYS_IN_MONTH[month]!) return false;
  if (month !== 2) return true;
  const year = digitsAt(time, 0, 4);
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
};

/** Recorded metadata being completed: `schemaVersion` is there only when the caller declared one. */
export type MetadataDraft = { -readonly [K in keyof EventMetadata]?: EventMetadata[K] };

/** The hot path: checks plain, well-formed metadata by hand; false means "let zod explain". */
const fastPath = (input: AppendMetadata, draft: MetadataDraft): boolean => {
  for (const key in input) {
    if (!KEYS.has(key)) return false;
  }
  const { customerId, occurredAt, channel, schemaVersion } = input;
  if (customerId !== undefined) {
    if (typeof customerId !== 'string' || !CUSTOMER_ID.test(customerId)) return false;
    draft.customerId = customerId;
  }
  if (occurredAt !== undefined) {
    if (typeof occurredAt === 'string' && NORMALIZED_TIME.test(occurredAt) && isCalendarDay(occurredAt)) {
      draft.occurredAt = occurredAt;
    } else if (occurredAt instanceof Date && !Number.isNaN(occurredAt.getTime())) {
      draft.occurredAt = occurredAt.toISOString();
    } else return false;
  }
  if (channel !== undefined) {
    if (!CHANNELS.has(channel)) return false;
    draft.channel = channel;
  }
  for (let i = 0; i < TEXT_KEYS.length; i++) {
    const key = TEXT_KEYS[i]!;
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) return false;
    draft[key] = value;
  }
  if (schemaVersion !== undefined) {
    if (!(Number.isSafeInteger(schemaVersion) && schemaVersion >= 1)) return false;
    draft.schemaVersion = schemaVersion;
  }
  return true;
};

/**
 * Validates caller metadata and completes it into the recorded envelope's metadata, or returns the issues found
 * (paths start at `metadata`). `schemaVersion` is set only when the caller declared one; the caller completes it.
 */
export const completeMetadata = (
  input: unknown,
  recordedAt: string,
  tenantId: string,
): MetadataDraft | readonly ValidationIssue[] => {
  const draft: MetadataDraft = {};
  const given = input ?? {};
  if (typeof given !== 'object' || Array.isArray(given) || !fastPath(given as AppendMetadata, draft)) {
    const parsed = safeParseAs(appendMetadataSchema, given, 'metadata');
    if (!parsed.success) return parsed.issues;
    // valid but not in the normalized form (an offset time): normalize it
    for (const [key, value] of Object.entries(parsed.value)) {
      if (value !== undefined) (draft as Record<string, unknown>)[key] = value;
    }
    if (parsed.value.occurredAt !== undefined)
      draft.occurredAt = new Date(parsed.value.occurredAt).toISOString();
  }
  draft.occurredAt ??= recordedAt;
  draft.recordedAt = recordedAt;
  draft.tenantId = tenantId;
  return draft;
};
