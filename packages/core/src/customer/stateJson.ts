import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validationError';
import { PersistentMap } from '../internal/persistentMap';
import { safeParseAs } from '../schema/parse';
import { currencySchema, labelSchema, minorUnitsSchema, timestampSchema } from '../schema/primitives';
import type { AbsorbedHoldings } from './holdings';
import type { CustomerState, InvoiceBalance, OrderBalance } from './state';

/** A `CustomerState` as plain JSON-safe data: every map as a record keyed by id (what a durable snapshot store writes). */
export interface CustomerStateJSON {
  readonly status: CustomerState['status'];
  readonly mergedInto?: string;
  readonly tags: Readonly<Record<string, true>>;
  readonly consents: Readonly<Record<string, true>>;
  readonly orders: Readonly<Record<string, OrderBalance>>;
  readonly refunds: Readonly<Record<string, true>>;
  readonly credit?: CustomerState['credit'];
  readonly invoices: Readonly<Record<string, InvoiceBalance>>;
  readonly openTickets: Readonly<Record<string, true>>;
  readonly openComplaints: Readonly<Record<string, true>>;
  readonly absorbed: Readonly<Record<string, AbsorbedHoldings>>;
  readonly statusBeforeMerge?: 'prospect' | 'customer';
}

/** The state as plain data; `JSON.stringify(state)` writes the same (the maps serialise through their `toJSON`). */
export const customerStateToJSON = (state: CustomerState): CustomerStateJSON => {
  const {
    outstanding: _,
    tags,
    consents,
    orders,
    refunds,
    invoices,
    openTickets,
    openComplaints,
    absorbed,
    ...rest
  } = state;
  return {
    ...rest,
    tags: tags.toJSON(),
    consents: consents.toJSON(),
    orders: orders.toJSON(),
    refunds: refunds.toJSON(),
    invoices: invoices.toJSON(),
    openTickets: openTickets.toJSON(),
    openComplaints: openComplaints.toJSON(),
    absorbed: absorbed.toJSON(),
  };
};

const ids = z.array(z.string());
const present = z.literal(true);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const values = {
  tags: present,
  consents: present,
  orders: z.strictObject({
    total: minorUnitsSchema,
    refunded: minorUnitsSchema,
    currency: currencySchema,
    orderedAt: timestampSchema.optional(),
    skus: z.array(z.strictObject({ sku: labelSchema, bought: count, returned: count })).optional(),
  }),
  refunds: present,
  invoices: z.strictObject({ amount: minorUnitsSchema, paid: minorUnitsSchema, currency: currencySchema }),
  openTickets: present,
  openComplaints: present,
  absorbed: z.strictObject({ orders: ids, invoices: ids, tickets: ids, complaints: ids }),
};

// records are checked for shape here and entry by entry below (zod's records pass over a `__proto__` key)
const anyRecord = z.record(z.string(), z.unknown());
const headSchema = z.object({
  status: z.enum(['unregistered', 'prospect', 'customer', 'merged', 'forgotten']),
  mergedInto: z.string().optional(),
  credit: z
    .strictObject({
      limit: minorUnitsSchema,
      currency: currencySchema,
      paymentDays: z.number().int().min(0).max(365),
    })
    .optional(),
  statusBeforeMerge: z.enum(['prospect', 'customer']).optional(),
  tags: anyRecord,
  consents: anyRecord,
  orders: anyRecord,
  refunds: anyRecord,
  invoices: anyRecord,
  openTickets: anyRecord,
  openComplaints: anyRecord,
  absorbed: anyRecord,
});

/**
 * Reads a state back from `customerStateToJSON` (or `JSON.stringify`) output, checking every field: bad data gets a
 * ValidationError naming each bad path (`CustomerState.orders.o-1.total: …`).
 */
export const customerStateFromJSON = (json: unknown): CustomerState => {
  const head = safeParseAs(headSchema, json, 'CustomerState');
  if (!head.success) throw new ValidationError(head.issues);
  const input = json as Record<keyof typeof values, Record<string, unknown>>;
  const issues: ValidationIssue[] = [];
  const entriesOf = <TValue>(field: keyof typeof values, schema: z.ZodType<TValue>) =>
    Object.entries(input[field]).flatMap(([key, value]): [string, TValue][] => {
      const parsed = safeParseAs(schema, value, `CustomerState.${field}.${key}`);
      if (parsed.success) return [[key, parsed.value]];
      issues.push(...parsed.issues);
      return [];
    });
  const mapOf = <TValue>(field: keyof typeof values, schema: z.ZodType<TValue>) =>
    PersistentMap.fromEntries(entriesOf(field, schema));
  const { mergedInto, credit, statusBeforeMerge } = head.value;
  const invoices = mapOf('invoices', values.invoices);
  const state: CustomerState = {
    status: head.value.status,
    ...(mergedInto === undefined ? {} : { mergedInto }),
    tags: mapOf('tags', values.tags),
    consents: mapOf('consents', values.consents),
    // zod types an optional field `T | undefined`; parsed JSON leaves an absent field out, as `OrderBalance` does
    orders: mapOf('orders', values.orders as z.ZodType<OrderBalance>),
    refunds: mapOf('refunds', values.refunds),
    ...(credit === undefined ? {} : { credit }),
    invoices,
    outstanding: [...invoices.values()].reduce((sum, invoice) => sum + invoice.amount - invoice.paid, 0),
    openTickets: mapOf('openTickets', values.openTickets),
    openComplaints: mapOf('openComplaints', values.openComplaints),
    absorbed: mapOf('absorbed', values.absorbed),
    ...(statusBeforeMerge === undefined ? {} : { statusBeforeMerge }),
  };
  if (issues.length > 0) throw new ValidationError(issues);
  return state;
};
