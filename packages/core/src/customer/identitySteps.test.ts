import { describe, expect, it } from 'vitest';
import { isIllegalState } from '../errors/guards';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import type { CustomerCommandInput } from './commands';
import { customerCommandSchema } from './commands';
import { createCustomerService } from './customerService';
import { decideCustomer } from './decide';
import { customerDecider } from './decider';

const transferred = {
  orders: [{ orderId: 'ghost', total: 5_000_000, refunded: 0, currency: 'USD' }],
  invoices: [],
  openTickets: [],
  openComplaints: [],
};

/** The steps a merge and an unmerge take on each stream, as a caller might try to send them with made-up data. */
const steps = [
  { type: 'AbsorbCustomer', data: { customerId: 'ada', absorbedId: 'nobody', transferred } },
  { type: 'MarkMergedInto', data: { customerId: 'ada', survivorId: 'nobody' } },
  { type: 'ReleaseCustomer', data: { customerId: 'ada', absorbedId: 'nobody' } },
  { type: 'RestoreCustomer', data: { customerId: 'ada', survivorId: 'nobody', returned: transferred } },
] as unknown as readonly CustomerCommandInput[];

describe('the steps of a merge and an unmerge, sent by a caller', () => {
  it.each(steps.map((step) => [step.type, step] as const))(
    '%s is refused naming it, and nothing is recorded',
    async (type, step) => {
      const store = createInMemoryEventStore();
      const customers = createCustomerService(store);
      await customers.execute({ type: 'RegisterCustomer', data: { customerId: 'ada', kind: 'customer' } });
      const before = await store.headPosition();
      const refused = await customers.execute(step).catch((error: unknown) => error);
      expect(isIllegalState(refused)).toBe(true);
      expect((refused as Error).message).toContain(
        `${type} is a step of the customer service's merge or unmerge`,
      );
      expect(await store.headPosition()).toBe(before);
      expect((await customers.state('ada')).status).toBe('customer');
      expect(() => decideCustomer(step as never, customerDecider.initialState())).toThrow(type);
      expect(customerCommandSchema.safeParse(step).success).toBe(false);
    },
  );

  it('leaves merge and unmerge, which run them with what they read, working', async () => {
    const customers = createCustomerService(createInMemoryEventStore());
    for (const customerId of ['keep', 'dup'])
      await customers.execute({ type: 'RegisterCustomer', data: { customerId, kind: 'customer' } });
    await customers.merge('keep', 'dup');
    expect((await customers.state('dup')).status).toBe('merged');
    await customers.unmerge('keep', 'dup');
    expect((await customers.state('dup')).status).toBe('customer');
  });
});
