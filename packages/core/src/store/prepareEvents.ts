import { z } from 'zod';
import { RapportError } from '../errors/rapportError';
import { ValidationError, type ValidationIssue } from '../errors/validationError';
import { newEventId } from '../ids';
import type { EventRegistry } from '../registry/eventRegistry';
import { safeParseAs } from '../schema/parse';
import { channelSchema, customerIdSchema, timestampSchema } from '../schema/primitives';
import type { EventMetadata, EventToAppend } from './envelope';

/** Hard limits every store enforces on appends. */
export const appendLimits = Object.freeze({
  /** Events in one append call. */
  maxEventsPerAppend: 10_000,
  /** Length of a stream id. */
  maxStreamIdLength: 200,
  /** Serialized size of one event's data, in UTF-16 code units of its JSON. */
  maxEventDataLength: 256 * 1024,
});

/** An event validated and stamped, ready to be positioned by a store. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** What a store needs to validate and stamp events. */
export interface PrepareContext {
  /** Validates data against the catalog; `false` accepts any type and any JSON data. */
  readonly registry: EventRegistry | false;
  readonly now: Date;
  readonly tenantId: string;
}

const text = z.string().min(1).max(200);
const appendMetadataSchema = z.strictObject({
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws a Validation error unless `streamId` is a usable stream name. */
export const assertStreamId: (streamId: unknown) => asserts streamId is string = (streamId) => {
  if (
    typeof streamId !== 'string' ||
    streamId.length === 0 ||
    streamId.length > appendLimits.maxStreamIdLength
  ) {
    throw new ValidationError([
      {
        path: 'streamId',
        rule: `must be a non-empty string of at most ${appendLimits.maxStreamIdLength} characters`,
        got: String(streamId),
      },
    ]);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is rejected
  if (/[\u0000-\u001f\u007f]/.test(streamId)) {
    throw new ValidationError([
      { path: 'streamId', rule: 'must not contain control characters', got: JSON.stringify(streamId) },
    ]);
  }
};

const toIso = (value: string | Date): string =>
  (typeof value === 'string' ? new Date(value) : value).toISOString();

/**
 * Validates a batch of events for an append and stamps ids and metadata. Throws a `ValidationError` naming
 * every bad field (prefixed by the event's type, or by `events[i]` in a batch); nothing is partially prepared.
 */
export const prepareEvents = (
  streamId: string,
  events: readonly EventToAppend[],
  context: PrepareContext,
): PreparedEvent[] => {
  assertStreamId(streamId);
  if (!Array.isArray(events)) {
    throw new ValidationError([{ path: 'events', rule: 'must be an array of events' }]);
  }
  if (events.length > appendLimits.maxEventsPerAppend) {
    throw new RapportError(
      'LimitExceeded',
      `an append takes at most ${appendLimits.maxEventsPerAppend} events (got ${events.length})`,
      {
        data: { limit: appendLimits.maxEventsPerAppend, got: events.length },
      },
    );
  }
  const recordedAt = context.now.toISOString();
  const issues: ValidationIssue[] = [];
  const prepared: PreparedEvent[] = [];
  events.forEach((event, index) => {
    const root = events.length === 1 && typeof event?.type === 'string' ? event.type : `events[${index}]`;
    const at = (issue: ValidationIssue): ValidationIssue => ({ ...issue, path: `${root}.${issue.path}` });
    if (
      event === null ||
      typeof event !== 'object' ||
      typeof event.type !== 'string' ||
      event.type.length === 0 ||
      event.type.length > 100
    ) {
      issues.push({
        path: `events[${index}].type`,
        rule: 'must be a non-empty event type name of at most 100 characters',
      });
      return;
    }
    const meta = safeParseAs(appendMetadataSchema, event.metadata ?? {}, 'metadata');
    if (!meta.success) {
      issues.push(...meta.issues.map(at));
      return;
    }
    let data: unknown = event.data;
    if (context.registry) {
      const parsed = context.registry.validate(event.type, event.data, meta.value.schemaVersion);
      if (!parsed.success) {
        issues.push(...parsed.issues.map(at));
        return;
      }
      data = parsed.value;
    } else {
      data = structuredCloneJson(event.data, `${root}.data`, issues);
      if (data === INVALID) return;
    }
    const size = JSON.stringify(data)?.length ?? 0;
    if (size > appendLimits.maxEventDataLength) {
      issues.push({
        path: `${root}.data`,
        rule: `must serialize to at most ${appendLimits.maxEventDataLength} characters of JSON`,
        got: `${size}`,
      });
      return;
    }
    if (event.id !== undefined && (typeof event.id !== 'string' || !UUID.test(event.id))) {
      issues.push({ path: `${root}.id`, rule: 'must be a UUID', got: String(event.id) });
      return;
    }
    const { occurredAt, schemaVersion, ...rest } = meta.value;
    const definition = context.registry ? context.registry.get(event.type) : undefined;
    const metadata: EventMetadata = {
      ...withoutUndefined(rest),
      occurredAt: occurredAt === undefined ? recordedAt : toIso(occurredAt),
      recordedAt,
      tenantId: context.tenantId,
      schemaVersion: schemaVersion ?? definition?.version ?? 1,
    };
    prepared.push({ id: event.id ?? newEventId(), type: event.type, data, metadata });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return prepared;
};

const INVALID = Symbol('invalid');

const withoutUndefined = <T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } => {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = entry;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
};

/** Copies JSON data (so the caller cannot mutate what was stored), rejecting what JSON cannot hold. */
const structuredCloneJson = (data: unknown, path: string, issues: ValidationIssue[]): unknown => {
  try {
    const json = JSON.stringify(data);
    if (json === undefined) {
      issues.push({ path, rule: 'must be JSON data' });
      return INVALID;
    }
    return JSON.parse(json);
  } catch (cause) {
    issues.push({ path, rule: `must be JSON data (${(cause as Error).message})` });
    return INVALID;
  }
};
