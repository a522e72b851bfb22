import { type Clock, systemClock } from '../clock';
import { RapportError } from '../errors/rapportError';
import { ValidationError } from '../errors/validationError';
import type { EventRegistry } from '../registry/eventRegistry';
import { touchpointRegistry } from '../registry/touchpointRegistry';
import { renderValue } from '../schema/zodIssues';
import { defaultFutureToleranceMs } from './futureTolerance';
import { maxTimerMs } from './maxTimerMs';

/** What every store factory accepts besides its own connection settings. */
export interface CommonStoreOptions {
  readonly registry?: EventRegistry | false;
  readonly clock?: Clock;
  readonly tenantId?: string;
  /**
   * How far an event's `occurredAt` may lead the moment it is recorded; an append beyond it is refused. Default
   * `defaultFutureToleranceMs` (5 minutes).
   */
  readonly futureToleranceMs?: number;
}

const TENANT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const misconfigured = (factory: string, rule: string, got: unknown) =>
  new RapportError('Configuration', `${factory}: ${rule} (got ${renderValue(got)})`, { data: { factory } });

/** True for `undefined` or an object that is not an array (option bags). */
export const isOptionBag = (value: unknown): value is Record<string, unknown> | undefined =>
  value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));

/** Throws a Validation error unless `value` is an options object (or undefined). */
export const assertOptionBag = (value: unknown, path: string): void => {
  if (!isOptionBag(value))
    throw new ValidationError([{ path, rule: 'must be an options object', got: renderValue(value) }]);
};

/** Checks and defaults the options every store shares; throws a Configuration error naming the bad option. */
export const resolveStoreOptions = (factory: string, options: unknown) => {
  if (!isOptionBag(options)) throw misconfigured(factory, 'options must be an object', options);
  const {
    registry = touchpointRegistry,
    clock = systemClock,
    tenantId = 'default',
    futureToleranceMs = defaultFutureToleranceMs,
  } = (options ?? {}) as CommonStoreOptions;
  if (
    registry !== false &&
    (typeof registry !== 'object' || registry === null || typeof registry.validate !== 'function')
  ) {
    throw misconfigured(
      factory,
      'registry must be an event registry (createEventRegistry) or false',
      registry,
    );
  }
  if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function') {
    throw misconfigured(factory, 'clock must have a now() method', clock);
  }
  if (typeof tenantId !== 'string' || !TENANT.test(tenantId)) {
    throw misconfigured(
      factory,
      'tenantId must be 1-64 letters, digits, _ . - starting with a letter or digit',
      tenantId,
    );
  }
  if (
    typeof futureToleranceMs !== 'number' ||
    !Number.isInteger(futureToleranceMs) ||
    futureToleranceMs < 0 ||
    futureToleranceMs > maxTimerMs
  ) {
    throw misconfigured(
      factory,
      `futureToleranceMs must be an integer from 0 to ${maxTimerMs}`,
      futureToleranceMs,
    );
  }
  return { registry, clock, tenantId, futureToleranceMs } as {
    registry: EventRegistry | false;
    clock: Clock;
    tenantId: string;
    futureToleranceMs: number;
  };
};
