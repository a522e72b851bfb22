import type { CommandResult } from '../decider/handleCommand';
import { RapportError } from '../errors/rapportError';
import { canErase } from '../privacy/erasingStore';
import type { ServiceContext } from './serviceContext';
import type { CustomerState } from './state';

/** The record and, transitively, every record merged into it: one person, whose keys all go. */
const recordsOf = async (
  context: ServiceContext,
  customerId: string,
  state: CustomerState,
): Promise<string[]> => {
  const found = [customerId];
  const seen = new Set(found);
  const pending: CustomerState[] = [state];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const absorbedId of next.absorbed.keys()) {
      if (seen.has(absorbedId)) continue;
      seen.add(absorbedId);
      found.push(absorbedId);
      pending.push((await context.load(absorbedId)).state);
    }
  }
  return found;
};

/**
 * Forgets a customer: refuses a store that cannot erase, records `CustomerForgotten` (`record`), then destroys
 * the keys of the record and of every record it absorbed. Each step is idempotent, so a run stopped part-way is
 * finished by running it again.
 */
export const forgetRecord = async (
  context: ServiceContext,
  customerId: string,
  record: () => Promise<CommandResult<CustomerState>>,
): Promise<CommandResult<CustomerState>> => {
  const { store } = context;
  if (!canErase(store)) {
    throw new RapportError(
      'Configuration',
      `ForgetCustomer needs a store that can erase personal data: this store keeps it in clear, so customer ${customerId} ` +
        'would stay readable. Create the customer service on createProtectedEventStore({ store, keyStore }) ' +
        '(see docs/security.md)',
      { data: { customerId } },
    );
  }
  const result = await record();
  for (const id of await recordsOf(context, customerId, result.state)) await store.shred(id);
  return result;
};
