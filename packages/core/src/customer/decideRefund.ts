import type { TouchpointEvent } from '../catalog/index';
import type { DecisionContext } from '../decider/decider';
import { illegalState, notFound } from '../errors/guards';
import type { CustomerCommandOf } from './commands';
import { fail } from './fail';
import type { OrderBalance } from './holdings';
import { quantitiesBySku } from './skuBalances';
import type { CustomerState } from './state';

type RefundData = CustomerCommandOf<'RecordRefund'>['data'];

const listed = (skus: readonly { readonly sku: string }[]): string => {
  const names = skus.slice(0, 10).map(({ sku }) => sku);
  return skus.length > names.length ? `${names.join(', ')}…` : names.join(', ');
};

/** Refuses a refund dated before its order (when both dates are known). */
const checkDate = (data: RefundData, order: OrderBalance, context: DecisionContext | undefined): void => {
  const { orderedAt } = order;
  if (context === undefined || orderedAt === undefined || context.occurredAt >= orderedAt) return;
  throw illegalState(
    `refund ${data.refundId} is dated ${context.occurredAt}, before order ${data.orderId} was placed (${orderedAt}): a refund cannot precede its order`,
    { orderId: data.orderId, refundId: data.refundId, orderedAt, occurredAt: context.occurredAt },
  );
};

/**
 * Refuses lines on a refund (no goods came back), and on a return any line whose SKU the order did not buy or that
 * takes back more of a SKU than the order bought less what earlier returns took. An order whose SKUs are unknown (one
 * an old merge carried) is not checked.
 */
const checkLines = (data: RefundData, order: OrderBalance): void => {
  const { orderId, lines } = data;
  if (lines === undefined || lines.length === 0) return;
  if (data.kind === 'refund') {
    fail(
      'RecordRefund.data.lines',
      'must be left out of a `refund`, which gives money back without goods: record goods that came back as a `return`',
    );
  }
  const { skus } = order;
  if (skus === undefined) return;
  const onOrder = new Map(skus.map((entry) => [entry.sku, entry]));
  for (const [index, { sku }] of lines.entries()) {
    if (!onOrder.has(sku)) {
      fail(
        `RecordRefund.data.lines[${index}].sku`,
        skus.length === 0
          ? `must be a SKU on order ${orderId}, which has no lines`
          : `must be a SKU on order ${orderId} (${listed(skus)})`,
        sku,
      );
    }
  }
  for (const [sku, requested] of quantitiesBySku(lines)) {
    const { bought, returned } = onOrder.get(sku)!;
    if (returned + requested > bought) {
      throw illegalState(
        `return of ${requested} × ${sku} exceeds the ${bought - returned} still returnable on order ${orderId} (bought ${bought}, returned ${returned})`,
        { orderId, sku, bought, returned, requested },
      );
    }
  }
};

/**
 * Decides `RecordRefund`: the order must be on the record, the refund id new, the currency the order's, the amount
 * within what is left to refund (and above zero for a `refund`); a return's lines within what the order bought;
 * and the refund not dated before the order.
 */
export const decideRefund = (
  command: RefundData,
  state: CustomerState,
  context: DecisionContext | undefined,
): TouchpointEvent[] => {
  const { customerId, ...data } = command;
  const order = state.orders.get(data.orderId);
  if (!order)
    throw notFound(`order ${data.orderId} is not recorded for customer ${customerId}`, {
      orderId: data.orderId,
    });
  if (state.refunds.has(data.refundId))
    throw illegalState(`refund ${data.refundId} is already recorded`, { refundId: data.refundId });
  if (data.currency !== order.currency) {
    fail('RecordRefund.data.currency', `must be the order's currency ${order.currency}`, data.currency);
  }
  const refundable = order.total - order.refunded;
  if (data.amount > refundable) {
    throw illegalState(
      `refund of ${data.amount} exceeds the ${refundable} still refundable on order ${data.orderId}`,
      {
        orderId: data.orderId,
        refundable,
        requested: data.amount,
      },
    );
  }
  if (data.amount === 0 && data.kind === 'refund')
    fail('RecordRefund.data.amount', 'must be greater than zero for a refund', 0);
  checkDate(command, order, context);
  checkLines(command, order);
  return [{ type: 'OrderRefunded', data }];
};
