import type { CustomerCommandInput } from '@rapport/core';

/** One step of a customer history: a command for one customer, or a merge of two, at an event time. */
export type CustomerHistoryStep =
  | { readonly kind: 'command'; readonly command: CustomerCommandInput; readonly occurredAt: string }
  | {
      readonly kind: 'merge';
      readonly survivorId: string;
      readonly absorbedId: string;
      readonly occurredAt: string;
    };

/** What a drawn move is about; the history model turns it into a step that is valid where the history has got to. */
export const historyMoves = [
  'purchase',
  'refund',
  'return',
  'tag',
  'attribute',
  'consent',
  'message',
  'ticket',
  'complaint',
  'review',
  'visit',
  'credit',
  'merge',
] as const;

/** One drawn move: what, for whom, and a few numbers the model reads its choices from. */
export interface HistoryMove {
  readonly move: (typeof historyMoves)[number];
  readonly who: number;
  readonly other: number;
  readonly picks: readonly number[];
  readonly gapMinutes: number;
}

/** An order as the history model keeps it: what is left to refund, and what is left to return per line. */
interface ModelOrder {
  readonly orderId: string;
  readonly currency: string;
  left: number;
  /** Per SKU: quantity still returnable and its unit price (a merge moves them with the order). */
  readonly lines: Map<string, { quantity: number; unitPrice: number }>;
}

/** One customer as the model sees them. */
interface ModelCustomer {
  readonly id: string;
  merged: boolean;
  readonly orders: ModelOrder[];
  readonly tags: Set<string>;
  readonly consents: Set<string>;
  readonly openTickets: Set<string>;
  readonly openComplaints: Set<string>;
  credit: { readonly currency: string; readonly limit: number } | undefined;
  readonly invoices: { readonly invoiceId: string; readonly currency: string; open: number }[];
}

/** Where a drawn history has got to: the customers, a counter for fresh ids, and the event time reached. */
export interface HistoryModel {
  readonly customers: Map<number, ModelCustomer>;
  counter: number;
  time: number;
}

const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
const SKUS = ['sku-1', 'sku-2', 'sku-3', 'sku-4', 'sku-5'] as const;
const CATEGORIES = ['books', 'music', 'garden', 'toys'] as const;
const TAGS = ['vip', 'wholesale', 'newsletter', 'at-risk'] as const;
const METHODS = ['card', 'cash', 'paypal', 'gift_card'] as const;
const CHANNELS = ['email', 'sms', 'phone'] as const;

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;
const between = (n: number, min: number, max: number) => min + (n % (max - min + 1));

/** Turns one drawn move into the steps it means where the history has got to (a registration first, if needed). */
export const nextSteps = (model: HistoryModel, drawn: HistoryMove): CustomerHistoryStep[] => {
  model.time += drawn.gapMinutes * 60_000;
  const occurredAt = new Date(model.time).toISOString();
  const steps: CustomerHistoryStep[] = [];
  const command = (c: CustomerCommandInput) => steps.push({ kind: 'command', command: c, occurredAt });
  const customer = model.customers.get(drawn.who) ?? register(model, drawn, command);
  if (customer.merged) return steps;
  const p = drawn.picks;
  const fresh = (prefix: string) => `${prefix}-${++model.counter}`;
  const customerId = customer.id;
  switch (drawn.move) {
    case 'purchase':
      command(purchase(customer, fresh('o'), p));
      break;
    case 'refund': {
      const refundable = customer.orders.filter((o) => o.left > 0);
      const order = refundable[p[0]! % Math.max(1, refundable.length)];
      if (order === undefined)
        return [...steps, ...nextSteps(model, { ...drawn, move: 'purchase', gapMinutes: 0 })];
      command(
        refund(customerId, order, fresh('r'), between(p[1]!, 1, order.left), {
          kind: 'refund',
          reason: 'goodwill',
        }),
      );
      break;
    }
    case 'return': {
      const order = customer.orders.find(
        (o) => [...o.lines.values()].some((l) => l.quantity > 0) && o.left > 0,
      );
      if (order === undefined)
        return [...steps, ...nextSteps(model, { ...drawn, move: 'purchase', gapMinutes: 0 })];
      const [sku, line] = [...order.lines].find(([, l]) => l.quantity > 0)!;
      const quantity = between(p[0]!, 1, line.quantity);
      line.quantity -= quantity;
      command(
        refund(customerId, order, fresh('r'), Math.min(order.left, quantity * line.unitPrice), {
          kind: 'return',
          lines: [{ sku, quantity }],
          reason: pick(['defective', 'wrong_item', 'changed_mind'] as const, p[1]!),
        }),
      );
      break;
    }
    case 'tag': {
      const tag = pick(TAGS, p[0]!);
      const removing = customer.tags.has(tag);
      if (removing) customer.tags.delete(tag);
      else customer.tags.add(tag);
      command({ type: removing ? 'RemoveTag' : 'AddTag', data: { customerId, tag } });
      break;
    }
    case 'attribute':
      command({
        type: 'SetCustomAttribute',
        data: {
          customerId,
          key: pick(['shoe_size', 'favourite_store', 'newsletter_opt'] as const, p[0]!),
          value: pick([between(p[1]!, 30, 48), `store-${p[1]! % 7}`, p[1]! % 2 === 0, null], p[2]!),
        },
      });
      break;
    case 'consent': {
      const channel = pick(CHANNELS, p[0]!);
      const granted = customer.consents.has(channel);
      if (granted) customer.consents.delete(channel);
      else customer.consents.add(channel);
      command({
        type: granted ? 'WithdrawConsent' : 'GrantConsent',
        data: { customerId, channel, purpose: 'marketing' },
      });
      break;
    }
    case 'message':
      touchpoint(command, customerId, {
        type: 'MessageSent',
        data: { messageId: fresh('m'), channel: pick(CHANNELS, p[0]!), templateId: 'newsletter' },
      });
      break;
    case 'ticket':
      openOrClose(customer.openTickets, fresh('t'), p[0]!, (ticketId, open) =>
        touchpoint(command, customerId, {
          type: open ? 'TicketOpened' : 'TicketResolved',
          data: open
            ? { ticketId, category: 'delivery', priority: pick(['low', 'normal', 'high'] as const, p[1]!) }
            : { ticketId, resolution: 'answered' },
        } as never),
      );
      break;
    case 'complaint':
      openOrClose(customer.openComplaints, fresh('k'), p[0]!, (complaintId, open) =>
        touchpoint(command, customerId, {
          type: open ? 'ComplaintFiled' : 'ComplaintResolved',
          data: open
            ? {
                complaintId,
                severity: pick(['low', 'medium', 'high'] as const, p[1]!),
                product: pick(SKUS, p[2]!),
              }
            : { complaintId, outcome: pick(['repaired', 'replaced', 'refunded'] as const, p[1]!) },
        } as never),
      );
      break;
    case 'review':
      touchpoint(command, customerId, {
        type: 'ReviewPosted',
        data: {
          reviewId: fresh('v'),
          rating: between(p[0]!, 1, 5),
          platform: 'own_site',
          product: pick(SKUS, p[1]!),
        },
      });
      break;
    case 'visit':
      touchpoint(command, customerId, {
        type: 'SiteVisited',
        data: {
          page: pick(['/', '/sale', '/account'] as const, p[0]!),
          durationSeconds: between(p[1]!, 1, 900),
        },
      });
      break;
    case 'credit':
      credit(customer, p, fresh, command, model.time);
      break;
    case 'merge': {
      const other = model.customers.get(drawn.other);
      if (other === undefined || other === customer || other.merged) break;
      other.merged = true;
      // a merge hands the absorbed record's orders (with what is left to refund and to return), invoices and
      // open cases to the survivor
      customer.orders.push(...other.orders);
      customer.invoices.push(...other.invoices);
      for (const id of other.openTickets) customer.openTickets.add(id);
      for (const id of other.openComplaints) customer.openComplaints.add(id);
      steps.push({ kind: 'merge', survivorId: customerId, absorbedId: other.id, occurredAt });
      break;
    }
  }
  return steps;
};

type RefundData = Extract<CustomerCommandInput, { type: 'RecordRefund' }>['data'];

/** A refund or return of `amount` on a model order, taken off what is left to refund. */
const refund = (
  customerId: string,
  order: ModelOrder,
  refundId: string,
  amount: number,
  rest: Pick<RefundData, 'kind' | 'reason'> & Partial<Pick<RefundData, 'lines'>>,
): CustomerCommandInput => {
  order.left -= amount;
  return {
    type: 'RecordRefund',
    data: { customerId, orderId: order.orderId, refundId, amount, currency: order.currency, ...rest },
  };
};

const register = (
  model: HistoryModel,
  drawn: HistoryMove,
  command: (c: CustomerCommandInput) => void,
): ModelCustomer => {
  const customer: ModelCustomer = {
    id: `c${drawn.who + 1}`,
    merged: false,
    orders: [],
    tags: new Set(),
    consents: new Set(),
    openTickets: new Set(),
    openComplaints: new Set(),
    credit: undefined,
    invoices: [],
  };
  model.customers.set(drawn.who, customer);
  command({
    type: 'RegisterCustomer',
    data: { customerId: customer.id, kind: drawn.picks[7]! % 3 === 0 ? 'prospect' : 'customer' },
  });
  return customer;
};

const purchase = (customer: ModelCustomer, orderId: string, p: readonly number[]): CustomerCommandInput => {
  const currency = pick(CURRENCIES, p[0]!);
  const lines = Array.from({ length: between(p[1]!, 1, 3) }, (_, i) => ({
    sku: pick(SKUS, p[2]! + i),
    category: pick(CATEGORIES, p[3]! + i),
    quantity: between(p[4]! + i, 1, 3),
    unitPrice: between(p[5]! * (i + 1), 100, 50_000),
  }));
  // one line per SKU, so a return names a line the order has exactly once
  const unique = [...new Map(lines.map((line) => [line.sku, line])).values()];
  const goods = unique.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const discount = p[6]! % 4 === 0 ? Math.floor(goods / 10) : 0;
  const shipping = p[6]! % 3 === 0 ? 495 : 0;
  const total = goods - discount + shipping;
  customer.orders.push({
    orderId,
    currency,
    left: total,
    lines: new Map(unique.map((line) => [line.sku, { quantity: line.quantity, unitPrice: line.unitPrice }])),
  });
  return {
    type: 'RecordPurchase',
    data: {
      customerId: customer.id,
      orderId,
      lines: unique,
      total,
      currency,
      paymentMethod: pick(METHODS, p[7]!),
      ...(discount > 0 ? { discount } : {}),
      ...(shipping > 0 ? { shipping } : {}),
    },
  };
};

const credit = (
  customer: ModelCustomer,
  p: readonly number[],
  fresh: (prefix: string) => string,
  command: (c: CustomerCommandInput) => void,
  now: number,
) => {
  const customerId = customer.id;
  if (customer.credit === undefined) {
    customer.credit = { currency: pick(CURRENCIES, p[0]!), limit: between(p[1]!, 10_000, 500_000) };
    command({ type: 'AgreeCreditTerms', data: { customerId, ...customer.credit, paymentDays: 30 } });
    return;
  }
  const owed = customer.invoices.reduce((sum, invoice) => sum + invoice.open, 0);
  const open = customer.invoices.find((invoice) => invoice.open > 0);
  const room = customer.credit.limit - owed;
  if (open !== undefined && (p[2]! % 2 === 0 || room <= 0)) {
    const amount = between(p[3]!, 1, open.open);
    open.open -= amount;
    command({
      type: 'RecordPayment',
      data: {
        customerId,
        paymentId: fresh('p'),
        invoiceId: open.invoiceId,
        amount,
        currency: open.currency,
        method: 'bank_transfer',
      },
    });
  } else if (room > 0) {
    const invoice = {
      invoiceId: fresh('i'),
      currency: customer.credit.currency,
      open: between(p[3]!, 1, room),
    };
    customer.invoices.push(invoice);
    command({
      type: 'IssueInvoice',
      data: {
        customerId,
        invoiceId: invoice.invoiceId,
        amount: invoice.open,
        currency: invoice.currency,
        dueDate: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    });
  }
};

const openOrClose = (
  open: Set<string>,
  freshId: string,
  choice: number,
  emit: (id: string, opening: boolean) => void,
) => {
  const existing = [...open];
  if (existing.length > 0 && choice % 2 === 0) {
    const id = pick(existing, choice);
    open.delete(id);
    emit(id, false);
  } else {
    open.add(freshId);
    emit(freshId, true);
  }
};

const touchpoint = (
  command: (c: CustomerCommandInput) => void,
  customerId: string,
  event: Extract<CustomerCommandInput, { type: 'RecordTouchpoint' }>['data']['event'],
) => command({ type: 'RecordTouchpoint', data: { customerId, event } });
