import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidationError, type ValidationError } from '../errors/validationError';
import { iso4217Codes } from '../schema/iso4217Codes';
import { createInMemoryEventStore } from '../store/inMemoryEventStore';
import { createCustomerService } from './customerService';

const service = async () => {
  const customers = createCustomerService(createInMemoryEventStore());
  await customers.execute({ type: 'RegisterCustomer', data: { customerId: 'ada', kind: 'customer' } });
  return customers;
};
let orders = 0;
const purchase = (
  currency: string,
  total = 1200,
  lines = [{ sku: 'CD-1', quantity: 1, unitPrice: total }],
) => ({
  type: 'RecordPurchase' as const,
  data: {
    customerId: 'ada',
    orderId: `o-${++orders}`,
    lines,
    total,
    currency,
    paymentMethod: 'card' as const,
  },
});
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const active = new Set<string>(iso4217Codes);

describe('the money and the goods of a purchase', () => {
  it('is refused in a currency that is not an active ISO-4217 code, naming the field', async () => {
    const customers = await service();
    for (const code of ['ZZZ', 'USS', 'XTS', 'XXX', 'usd']) {
      const error = await refusal(customers.execute(purchase(code)));
      expect(isValidationError(error), code).toBe(true);
      expect((error as ValidationError).issues[0]?.path).toBe('RecordPurchase.data.currency');
      expect((error as Error).message).toContain('ISO-4217');
    }
  });

  it('is taken in every active ISO-4217 currency, and refused in any other three letters', async () => {
    const customers = await service();
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Z]{3}$/), async (code) => {
        const error = await refusal(customers.execute(purchase(code)));
        expect(error === undefined, code).toBe(active.has(code));
      }),
      { numRuns: 200 },
    );
    for (const code of ['USD', 'EUR', 'JPY', 'CHF', 'XCG'])
      expect(await refusal(customers.execute(purchase(code)))).toBeUndefined();
  });

  it('must record something bought: no lines and a total of zero is refused, a free line is not', async () => {
    const customers = await service();
    const empty = await refusal(customers.execute(purchase('USD', 0, [])));
    expect(isValidationError(empty)).toBe(true);
    expect((empty as Error).message).toContain('must record something bought');
    expect(
      await refusal(customers.execute(purchase('USD', 0, [{ sku: 'GIFT', quantity: 1, unitPrice: 0 }]))),
    ).toBeUndefined();
    expect(await refusal(customers.execute(purchase('USD', 2500, [])))).toBeUndefined();
  });
});
