import { RapportError, type RecordedEvent } from '@rapport/core';
import type { Json } from '../../definition/json';
import type { TimerRequest } from '../../definition/projectionContext';
import type { ReactorContext } from '../../definition/reactorContext';
import type { Effect } from '../../effects/effect';
import type { StoredTimer } from '../../readModel/readModelStore';
import { parseIso } from '../timers/isoTime';
import { toIso } from '../timers/time';
import type { AliasTable } from './aliasTable';
import { type EmitterConfig, emitEffect } from './emitEffect';

/** A context request, buffered until `evolve` or `onTimer` returns so a throw leaves no trace. */
export type ContextOp =
  | { readonly kind: 'schedule'; readonly timer: StoredTimer }
  | { readonly kind: 'cancel'; readonly name: string }
  | { readonly kind: 'absorb'; readonly from: string }
  | {
      readonly kind: 'release';
      readonly key: string;
      readonly document: unknown;
      readonly timers: readonly StoredTimer[];
    }
  | { readonly kind: 'effect'; readonly effect: Effect };

/** The one reusable context of an engine, pointed at each event or timer in turn. */
export interface ContextBuffer {
  readonly context: ReactorContext;
  readonly ops: ContextOp[];
  /** Points the context at a document, time and event (or firing timer) and empties the buffer. */
  point(
    key: string,
    nowIso: string,
    event: RecordedEvent | undefined,
    related: readonly string[],
    firing: StoredTimer | undefined,
  ): void;
}

const fail = (message: string, data: Record<string, unknown> = {}) =>
  new RapportError('IllegalState', message, { data });

/**
 * Creates the context buffer of an engine; `readRelated` reads a document by its exact key, `emitter` is set for a
 * reactor, and `position` tells the global position effects are caused at.
 */
export const createContextBuffer = (
  projection: string,
  canSchedule: boolean,
  readRelated: (key: string) => unknown,
  aliases: Pick<AliasTable, 'resolve' | 'has'>,
  emitter: EmitterConfig | undefined,
  position: () => bigint,
): ContextBuffer => {
  let key = '';
  let nowIso = '';
  /** `nowIso` parsed, once per point and only when asked for (NaN until then). */
  let nowMs = Number.NaN;
  let event: RecordedEvent | undefined;
  let related: readonly string[] = [];
  let firing: StoredTimer | undefined;
  const ops: ContextOp[] = [];

  const timerOf = (target: string, at: Date | string, name: string, payload: Json | undefined) => {
    if (!canSchedule) throw fail(`projection ${projection}: ctx.schedule needs an onTimer handler`);
    if (typeof name !== 'string' || name === '') throw fail(`projection ${projection}: a timer needs a name`);
    if (!(at instanceof Date) && typeof at !== 'string')
      throw fail(`projection ${projection}: timer ${name} needs a Date or an ISO-8601 time`, { key: target });
    const iso = toIso(at, () => `projection ${projection}: timer ${name}`);
    const timer: StoredTimer =
      payload === undefined ? { key: target, name, at: iso } : { key: target, name, at: iso, payload };
    return timer;
  };
  const keyArgument = (value: unknown, call: string) => {
    if (typeof value !== 'string' || value === '')
      throw fail(`projection ${projection}: ${call} needs a key`);
    return value;
  };

  /** True when this call already emitted an effect of that name (the same name would give the same id). */
  const taken = (name: string) => ops.some((op) => op.kind === 'effect' && op.effect.name === name);
  const emit = (kind: Effect['kind'], request: Parameters<typeof emitEffect>[3], options: unknown) => {
    const occurrence = { key, event, firing, position: event?.globalPosition ?? position() };
    const effect = emitEffect(emitter, projection, kind, request, options as never, occurrence, taken);
    ops.push({ kind: 'effect', effect });
    return effect.id;
  };

  const context: ReactorContext = {
    get now() {
      if (Number.isNaN(nowMs)) nowMs = parseIso(nowIso);
      return new Date(nowMs);
    },
    get key() {
      return key;
    },
    get event() {
      return event;
    },
    schedule(at: Date | string, name: string, payload?: Json) {
      const timer = timerOf(key, at, name, payload);
      if (firing !== undefined && firing.name === name && timer.at <= firing.at) {
        throw fail(`projection ${projection}: timer ${name} re-scheduled itself at or before its own time`, {
          key,
          at: timer.at,
        });
      }
      ops.push({ kind: 'schedule', timer });
    },
    cancel(name: string) {
      ops.push({ kind: 'cancel', name });
    },
    related<TState>(relatedKey: string): TState | undefined {
      if (!related.includes(relatedKey)) {
        throw fail(
          `projection ${projection}: ctx.related(${relatedKey}) was not declared by related(event)`,
          {
            key: relatedKey,
          },
        );
      }
      return readRelated(relatedKey) as TState | undefined;
    },
    absorb(from: string) {
      keyArgument(from, 'absorb');
      if (from === key) throw fail(`projection ${projection}: document ${key} cannot absorb itself`);
      ops.push({ kind: 'absorb', from });
    },
    release(target: string, document: unknown, timers: readonly TimerRequest[] = []) {
      keyArgument(target, 'release');
      const call = `projection ${projection}: ctx.release(${target}) in document ${key}`;
      if (ops.some((op) => (op.kind === 'absorb' ? op.from : op.kind === 'release' && op.key) === target))
        throw fail(`${call}: ${target} was already absorbed or released by this call`, { key: target });
      const resolved = aliases.resolve(target);
      if (target === key || !aliases.has(target) || resolved !== key) {
        throw fail(`${call}: ${target} is not absorbed into this document (its events go to ${resolved})`, {
          key: target,
          document: key,
          resolvesTo: resolved,
        });
      }
      if (document === undefined || document === null)
        throw fail(`${call}: the released document is missing`, { key: target });
      if (!Array.isArray(timers)) throw fail(`${call}: timers must be an array`, { key: target });
      const stored = timers.map((timer: TimerRequest) => {
        if (timer === null || typeof timer !== 'object') throw fail(`${call}: a timer must be an object`);
        return timerOf(target, timer.at, timer.name, timer.payload);
      });
      ops.push({ kind: 'release', key: target, document, timers: stored });
    },
    resolve: (target: string) => aliases.resolve(keyArgument(target, 'resolve')),
    command: (command, options) => emit('command', { type: command?.type, body: command?.data }, options),
    send: (message, options) =>
      emit(
        'message',
        { type: message?.type, body: message?.payload, notBefore: message?.notBefore },
        options,
      ),
  };

  return {
    context,
    ops,
    point(nextKey, nextNow, nextEvent, nextRelated, nextFiring) {
      key = nextKey;
      if (nextNow !== nowIso) {
        nowIso = nextNow;
        nowMs = Number.NaN;
      }
      event = nextEvent;
      related = nextRelated;
      firing = nextFiring;
      if (ops.length !== 0) ops.length = 0;
    },
  };
};
