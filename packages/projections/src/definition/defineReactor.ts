import { RapportError, type RecordedEvent, renderValue } from '@rapport/core';
import { defineProjection, type ProjectionDefinition } from './defineProjection';
import type { Timer } from './projectionContext';
import type { ReactorContext } from './reactorContext';

/** The effect types a reactor may emit; anything else is refused where it is emitted. */
export interface ReactorEmits {
  readonly commands?: readonly string[];
  readonly messages?: readonly string[];
}

/**
 * A reactor: a projection whose `evolve` and `onTimer` may also emit effects (commands for deciders, messages for the
 * outside world). It runs on the same runner; each effect gets a deterministic id from the reactor's name, the
 * document key and the occurrence, so a replay, a rebuild or a new version derives the same ids and executes nothing
 * twice. Folded with `foldProjection`, it lists the effects it would emit without executing any (a what-if run).
 */
export interface ReactorDefinition<TState, TEvent extends RecordedEvent = RecordedEvent>
  extends Omit<ProjectionDefinition<TState, TEvent>, 'evolve' | 'onTimer'> {
  readonly evolve: (state: TState, event: TEvent, ctx: ReactorContext) => TState | null;
  readonly onTimer?: (state: TState, timer: Timer, ctx: ReactorContext) => TState | null;
  readonly emits: ReactorEmits;
}

/** Either kind of definition a runner and `foldProjection` take. */
export type AnyProjection<TState, TEvent extends RecordedEvent = RecordedEvent> =
  | ProjectionDefinition<TState, TEvent>
  | ReactorDefinition<TState, TEvent>;

const invalid = (name: string, problem: string, field: string) =>
  new RapportError('Validation', `reactor ${name}: ${problem}`, { data: { reactor: name, field } });

const typeList = (name: string, value: unknown, field: string): readonly string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((type) => typeof type !== 'string' || type === '')) {
    throw invalid(
      name,
      `${field} must be an array of non-empty type names (got ${renderValue(value)})`,
      field,
    );
  }
  const repeated = value.find((type, i) => value.indexOf(type) !== i);
  if (repeated !== undefined) throw invalid(name, `${field} lists ${repeated} twice`, field);
  return Object.freeze([...value]);
};

/**
 * Declares a reactor, checking its shape (as `defineProjection` does, plus `emits`) so mistakes surface at definition
 * time with a message that names the reactor and the field.
 *
 * @example
 * const earn = defineReactor<{ orders: number }>({
 *   name: 'earn-points', version: 1, handles: ['PurchaseCompleted'], emits: { commands: ['EarnPoints'] },
 *   init: () => ({ orders: 0 }),
 *   evolve: (state, event, ctx) => {
 *     ctx.command({ type: 'EarnPoints', data: { customerId: ctx.key, points: 10 } });
 *     return { orders: state.orders + 1 };
 *   },
 * });
 */
export const defineReactor = <TState, TEvent extends RecordedEvent = RecordedEvent>(
  definition: ReactorDefinition<TState, TEvent>,
): ReactorDefinition<TState, TEvent> => {
  const projection = defineProjection(definition as unknown as ProjectionDefinition<TState, TEvent>);
  const { name } = projection;
  const { emits } = definition;
  if (emits === null || typeof emits !== 'object' || Array.isArray(emits))
    throw invalid(name, 'emits must be an object listing the commands and messages it may emit', 'emits');
  const commands = typeList(name, emits.commands, 'emits.commands');
  const messages = typeList(name, emits.messages, 'emits.messages');
  if (commands.length + messages.length === 0)
    throw invalid(
      name,
      'emits must list at least one command or message type (a reactor that emits nothing is a projection)',
      'emits',
    );
  return Object.freeze({
    ...(projection as unknown as ReactorDefinition<TState, TEvent>),
    emits: Object.freeze({ commands, messages }),
  });
};

/** True when a definition is a reactor (it declares what it emits). */
export const isReactor = <TState, TEvent extends RecordedEvent>(
  definition: AnyProjection<TState, TEvent>,
): definition is ReactorDefinition<TState, TEvent> => (definition as { emits?: unknown }).emits !== undefined;
