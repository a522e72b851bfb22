import type { RecordedEvent } from '@rapport/core';
import {
  type DeadLetter,
  type DocumentChange,
  foldProjection,
  type Json,
  type ProjectionContext,
  type ProjectionDefinition,
} from '@rapport/projections';

/** What folding a batch onto stored documents produced, in the commit's shape. */
export interface FoldedBatch {
  readonly documents: DocumentChange[];
  readonly aliases: { from: string; to: string }[];
  readonly deadLetters: readonly DeadLetter[];
  readonly stoppedBy: DeadLetter | undefined;
  readonly watermark: string | undefined;
}

/** Every document key (and related key) the events may touch, resolved through the stored aliases. */
export const keysOf = <TState, TEvent extends RecordedEvent>(
  definition: ProjectionDefinition<TState, TEvent>,
  events: readonly RecordedEvent[],
  resolve: (key: string) => string,
): Set<string> => {
  const handles = new Set(definition.handles);
  const keyOf = definition.keyOf ?? ((event: TEvent) => event.metadata.customerId);
  const keys = new Set<string>();
  for (const event of events) {
    if (!handles.has(event.type)) continue;
    try {
      const key = keyOf(event as TEvent);
      if (key !== undefined) keys.add(resolve(key));
      for (const related of definition.related?.(event as TEvent) ?? []) keys.add(resolve(related));
    } catch {
      // the fold calls these again and records the failure as a dead letter
    }
  }
  return keys;
};

/**
 * Folds `events` with `foldProjection` onto the stored documents: the wrapped definition starts a document from its
 * stored state (not `init`) the first time the fold meets it, routes keys through the stored aliases, and answers
 * `ctx.related` from the store for documents the fold has not touched. Documents the fold deleted or absorbed come
 * back as deletions.
 */
export const foldOnto = <TState, TEvent extends RecordedEvent>(
  definition: ProjectionDefinition<TState, TEvent>,
  events: readonly RecordedEvent[],
  stored: ReadonlyMap<string, Json>,
  resolve: (key: string) => string,
): FoldedBatch => {
  const touched = new Set<string>();
  const keyOf = definition.keyOf ?? ((event: TEvent) => event.metadata.customerId);
  const storedState = (key: string) =>
    touched.has(key) ? undefined : (stored.get(key) as TState | undefined);
  const withStore = (ctx: ProjectionContext, absorbed: string[]): ProjectionContext =>
    Object.create(ctx, {
      related: {
        value: <T>(key: string): T | undefined =>
          ctx.related<T>(key) ?? (storedState(key) as unknown as T | undefined),
      },
      absorb: {
        value: (from: string) => {
          absorbed.push(from);
          ctx.absorb(from);
        },
      },
    });
  const wrapped: ProjectionDefinition<TState, TEvent> = {
    ...definition,
    keyOf: (event) => {
      const key = keyOf(event);
      return key === undefined ? undefined : resolve(key);
    },
    init: (key) => storedState(key) ?? definition.init(key),
    evolve: (state, event, ctx) => {
      const absorbed: string[] = [];
      const next = definition.evolve(state, event, withStore(ctx, absorbed));
      touched.add(ctx.key);
      for (const from of absorbed) touched.add(from);
      return next;
    },
  };
  const result = foldProjection(wrapped, events);
  const documents: DocumentChange[] = [];
  for (const key of touched) {
    const state = result.documents.get(key);
    if (state === undefined && !stored.has(key)) continue;
    documents.push({ key, document: state === undefined ? null : (state as unknown as Json) });
  }
  return {
    documents,
    aliases: [...result.aliases].map(([from, to]) => ({ from, to })),
    deadLetters: result.deadLetters,
    stoppedBy: result.stoppedBy,
    watermark: result.watermark,
  };
};
