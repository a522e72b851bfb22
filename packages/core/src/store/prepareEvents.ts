import { RapportError } from '../errors/rapportError';
import { ValidationError, type ValidationIssue } from '../errors/validationError';
import { jsonLengthIfNear } from '../internal/jsonSize';
import { uuidV7 } from '../internal/uuidV7';
import type { EventRegistry } from '../registry/eventRegistry';
import { renderValue } from '../schema/zodIssues';
import { completeMetadata } from './appendMetadata';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// `toISOString` costs as much as validating a small event; appends within one millisecond share the text
let stampMs = Number.NaN;
let stampIso = '';
const isoOf = (now: Date): string => {
  const ms = now.getTime();
  if (ms !== stampMs) {
    stampIso = now.toISOString();
    stampMs = ms;
  }
  return stampIso;
};

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
        got: renderValue(streamId),
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
      { data: { limit: appendLimits.maxEventsPerAppend, got: events.length } },
    );
  }
  const stamp = { recordedAt: isoOf(context.now), tenantId: context.tenantId };
  const issues: ValidationIssue[] = [];
  const prepared: PreparedEvent[] = [];
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const root = events.length === 1 && typeof event?.type === 'string' ? event.type : `events[${index}]`;
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
      continue;
    }
    const meta = completeMetadata(event.metadata, stamp);
    if (!meta.ok) {
      issues.push(...prefixed(root, meta.issues));
      continue;
    }
    let data: unknown;
    if (context.registry) {
      const parsed = context.registry.validate(event.type, event.data, meta.declaredVersion);
      if (!parsed.success) {
        issues.push(...prefixed(root, parsed.issues));
        continue;
      }
      data = parsed.value;
    } else {
      data = structuredCloneJson(event.data, `${root}.data`, issues);
      if (data === INVALID) continue;
    }
    const size = jsonLengthIfNear(data, appendLimits.maxEventDataLength);
    if (size > appendLimits.maxEventDataLength) {
      issues.push({
        path: `${root}.data`,
        rule: `must serialize to at most ${appendLimits.maxEventDataLength} characters of JSON`,
        got: `${size}`,
      });
      continue;
    }
    if (event.id !== undefined && (typeof event.id !== 'string' || !UUID.test(event.id))) {
      issues.push({ path: `${root}.id`, rule: 'must be a UUID', got: renderValue(event.id) });
      continue;
    }
    const definition = context.registry ? context.registry.get(event.type) : undefined;
    meta.metadata.schemaVersion = meta.declaredVersion ?? definition?.version ?? 1;
    prepared.push({
      id: event.id === undefined ? uuidV7() : event.id.toLowerCase(),
      type: event.type,
      data,
      metadata: meta.metadata as EventMetadata,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return prepared;
};

const INVALID = Symbol('invalid');

const prefixed = (root: string, issues: readonly ValidationIssue[]): ValidationIssue[] =>
  issues.map((issue) => ({ ...issue, path: `${root}.${issue.path}` }));

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
