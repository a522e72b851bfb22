import { createInMemoryEventStore, isRapportError, touchpointRegistry } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { foldProjection } from '../fold/foldProjection';
import { createInMemoryReadModelStore } from '../readModel/inMemoryReadModelStore';
import { createProjectionRunner } from '../runner/projectionRunner';
import { defineProjection } from './defineProjection';

const spend = (handles: readonly string[]) =>
  defineProjection<{ readonly n: number }>({
    name: 'spend',
    version: 2,
    handles,
    init: () => ({ n: 0 }),
    evolve: (state) => ({ n: state.n + 1 }),
  });

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('a projection that handles an event type its store’s registry does not know', () => {
  it('is refused when its runner is created, naming the type and the one it most likely means', () => {
    const eventStore = createInMemoryEventStore();
    const readModels = createInMemoryReadModelStore();
    const error = refusal(() =>
      createProjectionRunner({
        projection: spend(['PurchaseCompleted', 'PurchaseCompletd', 'OrderRefunded', 'NoSuchThingAtAll']),
        eventStore,
        readModels,
      }),
    );
    expect(isRapportError(error, 'Configuration')).toBe(true);
    expect((error as Error).message).toContain("'PurchaseCompletd' (did you mean 'PurchaseCompleted'?)");
    expect((error as Error).message).toContain("'NoSuchThingAtAll',");
    expect((error as Error).message).not.toContain("'OrderRefunded'");
    expect((error as Error).message).toContain('spend v2');
  });

  it('is refused by a fold given the registry, and let through where no registry says what exists', () => {
    expect(() => foldProjection(spend(['purchasecompleted']), [], { registry: touchpointRegistry })).toThrow(
      /'purchasecompleted' \(did you mean 'PurchaseCompleted'\?\)/,
    );
    expect(() => foldProjection(spend(['Touched']), [])).not.toThrow();
    const anyType = createInMemoryEventStore({ registry: false });
    expect(() =>
      createProjectionRunner({
        projection: spend(['Touched']),
        eventStore: anyType,
        readModels: createInMemoryReadModelStore(),
      }),
    ).not.toThrow();
  });
});
