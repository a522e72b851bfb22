import type { CustomerCommandInput } from '@rapport/core';

/**
 * One customer with a value in every kind of personal field (name, email, phone, address, a free-text note) and a
 * purchase, for erasure tests: record `commands` with the customer service, forget `customerId`, then scan raw
 * storage for `secrets`, none of which may remain readable; the purchase total (4200) must still count.
 */
export const personalCustomer = {
  customerId: 'c-1',
  commands: [
    {
      type: 'RegisterCustomer',
      data: {
        customerId: 'c-1',
        kind: 'customer',
        name: { given: 'Ada', family: 'Lovelace' },
        emails: [{ address: 'ada@example.com', label: 'personal', primary: true }],
        phones: [{ number: '+44 20 7946 0001', label: 'mobile', primary: true }],
        addresses: [{ label: 'home', lines: ['12 St James Square'], postalCode: 'SW1Y 4JH', country: 'GB' }],
      },
    },
    {
      type: 'RecordPurchase',
      data: {
        customerId: 'c-1',
        orderId: 'o-1',
        lines: [],
        total: 4200,
        currency: 'GBP',
        paymentMethod: 'card',
      },
    },
    {
      type: 'RecordTouchpoint',
      data: {
        customerId: 'c-1',
        event: { type: 'NoteAdded', data: { noteId: 'n-1', body: 'call her after 6pm about the refund' } },
      },
    },
  ] satisfies CustomerCommandInput[],
  /** The personal values, as they appear in stored JSON (the given name with its closing quote: three letters alone turn up in base64 ciphertext now and then). */
  secrets: [
    'Ada"',
    'Lovelace',
    'ada@example.com',
    '+44 20 7946 0001',
    '12 St James Square',
    'SW1Y 4JH',
    'call her after 6pm about the refund',
  ],
} as const;
