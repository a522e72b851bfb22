import { RapportError, type RecordedEvent, renderValue } from '@rapport/core';
import type { Json } from '../../definition/json';
import type { EffectOptions } from '../../definition/reactorContext';
import { type Effect, type EffectCause, type EffectKind, effectId } from '../../effects/effect';
import { jsonProblem } from '../../effects/jsonProblem';
import type { StoredTimer } from '../../readModel/readModelStore';
import { toIso } from '../timers/time';

/** What an engine knows of the reactor it runs: its version and the types it declared. */
export interface EmitterConfig {
  readonly reactor: string;
  readonly version: number;
  readonly commands: ReadonlySet<string>;
  readonly messages: ReadonlySet<string>;
}

/** The occurrence being handled: the document, and the event being applied or the timer firing. */
export interface Occurrence {
  readonly key: string;
  readonly event: RecordedEvent | undefined;
  readonly firing: StoredTimer | undefined;
  /** Global position of the event, or of the last event applied before the timer. */
  readonly position: bigint;
}

const refuse = (reactor: string, field: string, problem: string, data: Record<string, unknown> = {}) =>
  new RapportError('Validation', `reactor ${reactor}: ${field} ${problem}`, {
    data: { reactor, field, ...data },
  });

const causeOf = ({ event, firing, position }: Occurrence): EffectCause =>
  firing !== undefined
    ? {
        eventId: undefined,
        eventType: undefined,
        position,
        at: firing.at,
        timer: { name: firing.name, at: firing.at },
        correlationId: undefined,
      }
    : {
        eventId: event!.id,
        eventType: event!.type,
        position,
        at: event!.metadata.occurredAt,
        timer: undefined,
        correlationId: event!.metadata.correlationId,
      };

/**
 * Builds one effect for `ctx.command` or `ctx.send`, refusing (with a Validation error naming the reactor and the
 * field) an undeclared type, a payload that is not JSON, a bad name or time, and a second effect of the same name
 * for the same occurrence, which would share its id (`taken` says whether a name was emitted for it already).
 */
export const emitEffect = (
  config: EmitterConfig | undefined,
  projection: string,
  kind: EffectKind,
  request: { readonly type: unknown; readonly body: unknown; readonly notBefore?: unknown },
  options: EffectOptions | undefined,
  occurrence: Occurrence,
  taken: (name: string) => boolean,
): Effect => {
  const call = kind === 'command' ? 'command' : 'message';
  if (config === undefined) {
    throw new RapportError(
      'Validation',
      `projection ${projection}: ctx.${kind === 'command' ? 'command' : 'send'} needs a reactor (declare it with defineReactor and its emits)`,
      { data: { projection } },
    );
  }
  const { reactor } = config;
  const { type } = request;
  const declared = kind === 'command' ? config.commands : config.messages;
  if (typeof type !== 'string' || !declared.has(type)) {
    throw refuse(
      reactor,
      `${call}.type`,
      `must be one of emits.${kind === 'command' ? 'commands' : 'messages'} [${[...declared].join(', ')}] (got ${renderValue(type)})`,
    );
  }
  const field = `${call}.${kind === 'command' ? 'data' : 'payload'}`;
  const problem = jsonProblem(request.body, field);
  if (problem !== undefined) {
    throw refuse(
      reactor,
      problem.path,
      `${problem.rule}${problem.got === undefined ? '' : ` (got ${problem.got})`}`,
    );
  }
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw refuse(reactor, 'options', `must be an object (got ${renderValue(options)})`);
  const name = options?.name ?? type;
  if (typeof name !== 'string' || name === '')
    throw refuse(reactor, 'options.name', `must be a non-empty string (got ${renderValue(name)})`);
  const cause = causeOf(occurrence);
  const id = effectId(reactor, occurrence.key, cause, name);
  if (taken(name)) {
    const what =
      cause.timer === undefined ? `event ${cause.eventId}` : `timer ${cause.timer.name} at ${cause.timer.at}`;
    throw refuse(
      reactor,
      'options.name',
      `${name} is emitted twice for ${what} of ${occurrence.key}: give each effect a distinct options.name`,
      {
        id,
      },
    );
  }
  let notBefore: string | undefined;
  if (request.notBefore !== undefined) {
    if (!(request.notBefore instanceof Date) && typeof request.notBefore !== 'string')
      throw refuse(
        reactor,
        `${call}.notBefore`,
        `must be a Date or an ISO-8601 time (got ${renderValue(request.notBefore)})`,
      );
    notBefore = toIso(request.notBefore, () => `reactor ${reactor}: ${call}.notBefore`);
  }
  return {
    id,
    kind,
    reactor,
    version: config.version,
    key: occurrence.key,
    name,
    type,
    payload: request.body as Json,
    notBefore,
    cause,
  };
};
