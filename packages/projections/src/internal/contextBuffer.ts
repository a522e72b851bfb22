import { RapportError, type RecordedEvent } from '@rapport/core';
import type { Json } from '../definition/json';
import type { ProjectionContext } from '../definition/projectionContext';
import type { StoredTimer } from '../readModel/readModelStore';
import { parseIso } from './isoTime';
import { toIso } from './time';

/** A context request, buffered until `evolve` or `onTimer` returns so a throw leaves no trace. */
export type ContextOp =
  | { readonly kind: 'schedule'; readonly timer: StoredTimer }
  | { readonly kind: 'cancel'; readonly name: string }
  | { readonly kind: 'absorb'; readonly from: string };

/** The one reusable context of an engine, pointed at each event or timer in turn. */
export interface ContextBuffer {
  readonly context: ProjectionContext;
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

/** Creates the context buffer of an engine; `readRelated` reads a document by its exact key. */
export const createContextBuffer = (
  projection: string,
  canSchedule: boolean,
  readRelated: (key: string) => unknown,
): ContextBuffer => {
  let key = '';
  let nowIso = '';
  let event: RecordedEvent | undefined;
  let related: readonly string[] = [];
  let firing: StoredTimer | undefined;
  const ops: ContextOp[] = [];

  const context: ProjectionContext = {
    get now() {
      return new Date(parseIso(nowIso));
    },
    get key() {
      return key;
    },
    get event() {
      return event;
    },
    schedule(at: Date | string, name: string, payload?: Json) {
      if (!canSchedule) throw fail(`projection ${projection}: ctx.schedule needs an onTimer handler`);
      if (typeof name !== 'string' || name === '')
        throw fail(`projection ${projection}: a timer needs a name`);
      const iso = toIso(at, () => `projection ${projection}: timer ${name}`);
      if (firing !== undefined && firing.name === name && iso <= firing.at) {
        throw fail(`projection ${projection}: timer ${name} re-scheduled itself at or before its own time`, {
          key,
          at: iso,
        });
      }
      const timer: StoredTimer =
        payload === undefined ? { key, name, at: iso } : { key, name, at: iso, payload };
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
      if (typeof from !== 'string' || from === '') throw fail(`projection ${projection}: absorb needs a key`);
      if (from === key) throw fail(`projection ${projection}: document ${key} cannot absorb itself`);
      ops.push({ kind: 'absorb', from });
    },
  };

  return {
    context,
    ops,
    point(nextKey, nextNow, nextEvent, nextRelated, nextFiring) {
      key = nextKey;
      nowIso = nextNow;
      event = nextEvent;
      related = nextRelated;
      firing = nextFiring;
      if (ops.length !== 0) ops.length = 0;
    },
  };
};
