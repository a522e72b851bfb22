import { z } from 'zod';
import type { ValidationIssue } from '../errors/validationError';
import { safeParseAs } from '../schema/parse';
import { channelSchema, customerIdSchema, timestampSchema } from '../schema/primitives';
import type { AppendMetadata, EventMetadata } from './envelope';
import { defaultFutureToleranceMs, latestOccurredAt } from './futureTolerance';

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

/** Recorded metadata being completed: `schemaVersion` is the caller's declared version until the store sets it. */
export type MetadataDraft = {
  -readonly [K in Exclude<keyof EventMetadata, 'schemaVersion'>]?: EventMetadata[K];
} & {
  occurredAt: string;
  recordedAt: string;
  tenantId: string;
  schemaVersion: number | undefined;
};

/** The caller's optional fields, checked. */
type Caller = {
  readonly [K in Exclude<keyof AppendMetadata, 'occurredAt' | 'schemaVersion'>]?:
    | AppendMetadata[K]
    | undefined;
};

/**
 * The recorded metadata of checked caller fields: one object literal of the fields every event has, then the
 * caller's optional ones (adding them all to `{}` one by one costs three times as much, and more again to freeze).
 */
const draftOf = (
  fields: Caller,
  occurredAt: string,
  recordedAt: string,
  tenantId: string,
  version: number | undefined,
) => {
  const draft: MetadataDraft = { occurredAt, recordedAt, tenantId, schemaVersion: version };
  const { customerId, channel, source, correlationId, causationId, actor, idempotencyKey } = fields;
  if (customerId !== undefined) draft.customerId = customerId;
  if (channel !== undefined) draft.channel = channel;
  if (source !== undefined) draft.source = source;
  if (correlationId !== undefined) draft.correlationId = correlationId;
  if (causationId !== undefined) draft.causationId = causationId;
  if (actor !== undefined) draft.actor = actor;
  if (idempotencyKey !== undefined) draft.idempotencyKey = idempotencyKey;
  return draft;
};

const isText = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.length > 0 && value.length <= 200);

/** The hot path: checks plain, well-formed metadata by hand; undefined means "let zod explain". */
const fastPath = (input: AppendMetadata, recordedAt: string, tenantId: string): MetadataDraft | undefined => {
  for (const key in input) {
    if (!KEYS.has(key)) return undefined;
  }
  // each field is read once: what is checked is what is recorded
  const {
    customerId,
    occurredAt,
    channel,
    source,
    correlationId,
    causationId,
    actor,
    idempotencyKey,
    schemaVersion,
  } = input;
  if (customerId !== undefined && (typeof customerId !== 'string' || !CUSTOMER_ID.test(customerId)))
    return undefined;
  let time = recordedAt;
  if (occurredAt !== undefined) {
    if (typeof occurredAt === 'string' && NORMALIZED_TIME.test(occurredAt) && isCalendarDay(occurredAt)) {
      time = occurredAt;
    } else if (occurredAt instanceof Date && !Number.isNaN(occurredAt.getTime())) {
      time = occurredAt.toISOString();
    } else return undefined;
  }
  if (channel !== undefined && !CHANNELS.has(channel)) return undefined;
  if (
    !(
      isText(source) &&
      isText(correlationId) &&
      isText(causationId) &&
      isText(actor) &&
      isText(idempotencyKey)
    )
  )
    return undefined;
  if (schemaVersion !== undefined && !(Number.isSafeInteger(schemaVersion) && schemaVersion >= 1))
    return undefined;
  return draftOf(
    { customerId, channel, source, correlationId, causationId, actor, idempotencyKey },
    time,
    recordedAt,
    tenantId,
    schemaVersion,
  );
};

/**
 * Validates caller metadata and completes it into the recorded envelope's metadata, or returns the issues found
 * (paths start at `metadata`). `schemaVersion` is the caller's declared version, if any; the store completes it.
 * An `occurredAt` more than `toleranceMs` after `recordedAt` is refused: event time may not run ahead of the log.
 */
export const completeMetadata = (
  input: unknown,
  recordedAt: string,
  tenantId: string,
  toleranceMs: number = defaultFutureToleranceMs,
): MetadataDraft | readonly ValidationIssue[] => {
  const draft = draftFor(input, recordedAt, tenantId);
  if (!('occurredAt' in draft) || draft.occurredAt <= recordedAt) return draft;
  const latest = latestOccurredAt(recordedAt, toleranceMs);
  if (draft.occurredAt <= latest) return draft;
  return [
    {
      path: 'metadata.occurredAt',
      rule: `must not lead the time it is recorded (${recordedAt}) by more than the store's futureToleranceMs (${toleranceMs} ms), so not after ${latest}`,
      got: draft.occurredAt,
    },
  ];
};

const draftFor = (
  input: unknown,
  recordedAt: string,
  tenantId: string,
): MetadataDraft | readonly ValidationIssue[] => {
  const given = input ?? {};
  if (typeof given === 'object' && !Array.isArray(given)) {
    const fast = fastPath(given as AppendMetadata, recordedAt, tenantId);
    if (fast !== undefined) return fast;
  }
  const parsed = safeParseAs(appendMetadataSchema, given, 'metadata');
  if (!parsed.success) return parsed.issues;
  // valid but not in the normalized form (an offset time): normalize it
  const { occurredAt, schemaVersion } = parsed.value;
  const time = occurredAt === undefined ? recordedAt : new Date(occurredAt).toISOString();
  return draftOf(parsed.value, time, recordedAt, tenantId, schemaVersion);
};
