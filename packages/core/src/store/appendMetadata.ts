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

const NORMALIZED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@#/+-]{0,127}$/;
const CHANNELS: ReadonlySet<string> = new Set(channelSchema.options);
const TEXT_KEYS = ['source', 'correlationId', 'causationId', 'actor', 'idempotencyKey'] as const;
const KEYS: ReadonlySet<string> = new Set(Object.keys(appendMetadataSchema.shape));

type Draft = { -readonly [K in keyof EventMetadata]?: EventMetadata[K] };

/** The hot path: checks plain, well-formed metadata by hand; undefined means "let zod explain". */
const fastPath = (input: AppendMetadata, draft: Draft): boolean => {
  for (const key in input) {
    if (!KEYS.has(key)) return false;
  }
  const { customerId, occurredAt, channel, schemaVersion } = input;
  if (customerId !== undefined) {
    if (typeof customerId !== 'string' || !CUSTOMER_ID.test(customerId)) return false;
    draft.customerId = customerId;
  }
  if (occurredAt !== undefined) {
    if (
      typeof occurredAt === 'string' &&
      NORMALIZED_TIME.test(occurredAt) &&
      !Number.isNaN(Date.parse(occurredAt))
    ) {
      draft.occurredAt = occurredAt;
    } else if (occurredAt instanceof Date && !Number.isNaN(occurredAt.getTime())) {
      draft.occurredAt = occurredAt.toISOString();
    } else return false;
  }
  if (channel !== undefined) {
    if (!CHANNELS.has(channel)) return false;
    draft.channel = channel;
  }
  for (const key of TEXT_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) return false;
    draft[key] = value;
  }
  if (schemaVersion !== undefined && !(Number.isInteger(schemaVersion) && schemaVersion >= 1)) return false;
  return true;
};

/**
 * Validates caller metadata and completes it into the recorded envelope's metadata. Returns the metadata and
 * the declared schema version, or the issues found (paths start at `metadata`).
 */
export const completeMetadata = (
  input: unknown,
  stamp: { readonly recordedAt: string; readonly tenantId: string },
):
  | { readonly ok: true; readonly metadata: Draft; readonly declaredVersion: number | undefined }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] } => {
  const draft: Draft = {};
  const given = (input ?? {}) as AppendMetadata;
  if (typeof given !== 'object' || Array.isArray(given) || !fastPath(given, draft)) {
    const parsed = safeParseAs(appendMetadataSchema, input ?? {}, 'metadata');
    if (!parsed.success) return { ok: false, issues: parsed.issues };
    // valid but not in the normalized form (an offset time): normalize it
    for (const [key, value] of Object.entries(parsed.value)) {
      if (value !== undefined && key !== 'schemaVersion') (draft as Record<string, unknown>)[key] = value;
    }
    if (parsed.value.occurredAt !== undefined)
      draft.occurredAt = new Date(parsed.value.occurredAt).toISOString();
  }
  draft.occurredAt ??= stamp.recordedAt;
  draft.recordedAt = stamp.recordedAt;
  draft.tenantId = stamp.tenantId;
  return { ok: true, metadata: draft, declaredVersion: given.schemaVersion };
};
