import type { Json } from './json';
import type { ProjectionContext } from './projectionContext';

/** A command for a decider, as a reactor emits it. */
export interface CommandRequest {
  readonly type: string;
  readonly data: Json;
}

/** A message for the outside world (an email, a webhook), as a reactor emits it. */
export interface MessageRequest {
  readonly type: string;
  readonly payload: Json;
  /** Not to be sent before this time; default as soon as it is committed. */
  readonly notBefore?: Date | string;
}

/** Options of one emitted effect. */
export interface EffectOptions {
  /** Distinguishes two effects of the same type from one occurrence; default the effect's type. Part of the id. */
  readonly name?: string;
}

/**
 * A projection context that can also emit effects. Effects are buffered like every other request: they are kept only
 * if `evolve` (or `onTimer`) returns, and committed with the reactor's documents and checkpoint.
 */
export interface ReactorContext extends ProjectionContext {
  /** Emits a command, executed once by the dispatcher through `handleCommand`; returns the effect's id. */
  command(command: CommandRequest, options?: EffectOptions): string;
  /** Emits a message, handed to the dispatcher's sender at least once with the effect's id; returns that id. */
  send(message: MessageRequest, options?: EffectOptions): string;
}
