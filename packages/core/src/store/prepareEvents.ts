import { type Clock, systemClock } from '../clock';
import { RapportError } from '../errors/rapportError';
import { ValidationError, type ValidationIssue } from '../errors/validationError';
import { jsonLengthIfNear } from '../internal/jsonSize';
import { uuidV7 } from '../internal/uuidV7';
import type { EventRegistry } from '../registry/eventRegistry';
import { renderValue } from '../schema/zodIssues';
import { completeMetadata, type MetadataDraft } from './appendMetadata';
import type { EventMetadata, EventToAppend } from './envelope';
import { defaultFutureToleranceMs } from './futureTolerance';
import { isValidatedEvent } from './validatedEvent';

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
  /** How far an event's `occurredAt` may lead `now`; default `defaultFutureToleranceMs`. */
  readonly futureToleranceMs?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// `toISOString` costs as much as validating a small event; appends within one millisecond share the text
let stampMs = Number.NaN;
let stampIso = '';
const isoAt = (ms: number): string => {
  if (ms !== stampMs) {
    stampIso = new Date(ms).toISOString();
    stampMs = ms;
  }
  return stampIso;
};

/** The `recordedAt` of an append at `clock`'s now; the system clock is read without making a `Date`. */
export const recordedAtBy = (clock: Clock): string =>
  isoAt(clock === systemClock ? Date.now() : clock.now().getTime());

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
  return prepareBatch(
    events,
    context.registry,
    isoAt(context.now.getTime()),
    context.tenantId,
    context.futureToleranceMs,
  );
};

/** `prepareEvents` for a stream id the caller has already checked. */
export const prepareBatch = (
  events: readonly EventToAppend[],
  registry: EventRegistry | false,
  recordedAt: string,
  tenantId: string,
  futureToleranceMs: number = defaultFutureToleranceMs,
): PreparedEvent[] => {
  if (!Array.isArray(events)) {
    throw new ValidationError([{ path: 'events', rule: 'must be an array of events' }]);
  }
  const count = events.length;
  if (count > appendLimits.maxEventsPerAppend) {
    throw new RapportError(
      'LimitExceeded',
      `an append takes at most ${appendLimits.maxEventsPerAppend} events (got ${count})`,
      { data: { limit: appendLimits.maxEventsPerAppend, got: count } },
    );
  }
  const issues: ValidationIssue[] = [];
  const prepared = new Array<PreparedEvent>(count);
  for (let index = 0; index < count; index++) {
    const event = events[index];
    if (event === null || typeof event !== 'object') {
      issues.push(badType(index));
      continue;
    }
    // each field is read once, so a getter cannot show validation one value and the store another
    const { type, data: given, metadata: givenMetadata, id } = event;
    if (typeof type !== 'string' || type.length === 0 || type.length > 100) {
      issues.push(badType(index));
      continue;
    }
    const root = count === 1 ? type : `events[${index}]`;
    const metadata = completeMetadata(givenMetadata, recordedAt, tenantId, futureToleranceMs);
    if (isIssues(metadata)) {
      issues.push(...prefixed(root, metadata));
      continue;
    }
    const declaredVersion = metadata.schemaVersion;
    let data: unknown;
    // an event the protected store validated on its plain data holds sealed values now: stored as JSON, as given
    if (registry && !isValidatedEvent(event)) {
      const parsed = registry.validate(type, given, declaredVersion);
      if (!parsed.success) {
        issues.push(...prefixed(root, parsed.issues));
        continue;
      }
      data = parsed.value;
    } else {
      data = structuredCloneJson(given, `${root}.data`, issues);
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
    if (id !== undefined && (typeof id !== 'string' || !UUID.test(id))) {
      issues.push({ path: `${root}.id`, rule: 'must be a UUID', got: renderValue(id) });
      continue;
    }
    metadata.schemaVersion = declaredVersion ?? (registry ? registry.get(type)?.version : undefined) ?? 1;
    prepared[index] = {
      id: id === undefined ? uuidV7() : id.toLowerCase(),
      type,
      data,
      metadata: metadata as EventMetadata,
    };
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return prepared;
};

const badType = (index: number): ValidationIssue => ({
  path: `events[${index}].type`,
  rule: 'must be a non-empty event type name of at most 100 characters',
});

const isIssues = (value: MetadataDraft | readonly ValidationIssue[]): value is readonly ValidationIssue[] =>
  Array.isArray(value);

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
