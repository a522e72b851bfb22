import type { CustomerService } from '@rapport/core';
import type { CustomerHistoryStep } from './historyModel';

/**
 * Records a drawn history through the customer service, step by step at each step's event time (merges with
 * `merge`), so every rule of the decider and the service applies. Rejects with the first refusal, naming the step.
 */
export const recordCustomerHistory = async (
  customers: CustomerService,
  history: readonly CustomerHistoryStep[],
): Promise<void> => {
  for (const [index, step] of history.entries()) {
    const options = { metadata: { occurredAt: step.occurredAt } };
    try {
      if (step.kind === 'merge') await customers.merge(step.survivorId, step.absorbedId, options);
      else await customers.execute(step.command, options);
    } catch (error) {
      const what =
        step.kind === 'merge' ? `merge of ${step.absorbedId} into ${step.survivorId}` : step.command.type;
      throw new Error(`history step ${index} (${what}) was refused: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
};
