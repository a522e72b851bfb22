import type { TouchpointEvent } from '../catalog/index';
import { illegalState } from '../errors/guards';
import type { IdentityStep } from './commands';
import { fail } from './fail';
import { returnedBalances } from './holdings';
import type { CustomerState } from './state';

export type { IdentityStep };

/** Refuses to restore a record that is not closed into `survivorId`. */
const assertMergedInto = (state: CustomerState, customerId: string, survivorId: string): void => {
  if (state.status === 'merged' && state.mergedInto === survivorId) return;
  if (state.status === 'forgotten')
    throw illegalState(`customer ${customerId} was forgotten; it cannot be restored`, { customerId });
  throw illegalState(`customer ${customerId} is not merged into ${survivorId}; there is nothing to restore`, {
    customerId,
    survivorId,
    ...(state.mergedInto === undefined ? {} : { mergedInto: state.mergedInto }),
  });
};

/**
 * Decides one identity step on one stream. `RestoreCustomer` addresses a closed (merged) record; the others an
 * active one, which the caller has checked. Pure.
 */
export const decideIdentityStep = (command: IdentityStep, state: CustomerState): TouchpointEvent[] => {
  const { customerId } = command.data;
  switch (command.type) {
    case 'AbsorbCustomer': {
      const { absorbedId, transferred } = command.data;
      if (absorbedId === customerId)
        fail('AbsorbCustomer.data.absorbedId', 'must differ from the surviving customer', absorbedId);
      const clash = transferred.orders.find((order) => state.orders.has(order.orderId));
      if (clash)
        throw illegalState(`order ${clash.orderId} exists on both customers; resolve it before merging`);
      return [{ type: 'CustomersMerged', data: { absorbedId, transferred } }];
    }
    case 'MarkMergedInto':
      if (command.data.survivorId === customerId)
        fail('MarkMergedInto.data.survivorId', 'must differ from the absorbed customer', customerId);
      return [{ type: 'CustomerMergedInto', data: { survivorId: command.data.survivorId } }];
    case 'ReleaseCustomer': {
      const { absorbedId, reason } = command.data;
      const holdings = state.absorbed.get(absorbedId);
      if (holdings === undefined) {
        throw illegalState(
          `customer ${customerId} holds nothing of ${absorbedId}: it never absorbed it, or the merge was undone already`,
          { customerId, absorbedId },
        );
      }
      const returned = returnedBalances(holdings, state);
      return [
        {
          type: 'CustomersUnmerged',
          data: reason === undefined ? { absorbedId, returned } : { absorbedId, returned, reason },
        },
      ];
    }
    case 'RestoreCustomer': {
      const { survivorId, returned } = command.data;
      assertMergedInto(state, customerId, survivorId);
      return [
        {
          type: 'CustomerRestored',
          data: { survivorId, status: state.statusBeforeMerge ?? 'customer', returned },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw illegalState(`unknown identity step ${(unknown as { type: string }).type}`);
    }
  }
};
