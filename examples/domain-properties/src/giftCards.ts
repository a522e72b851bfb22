import { type Decider, illegalState, notFound } from '@rapport/core';

/** A business's own rule set, outside Rapport's catalog: gift cards issued, redeemed in part, and cancelled. */
export type GiftCardCommand =
  | { readonly type: 'IssueCard'; readonly data: { readonly cardId: string; readonly amount: number } }
  | { readonly type: 'RedeemCard'; readonly data: { readonly cardId: string; readonly amount: number } }
  | { readonly type: 'CancelCard'; readonly data: { readonly cardId: string } };

export type GiftCardEvent =
  | { readonly type: 'CardIssued'; readonly data: { readonly cardId: string; readonly amount: number } }
  | { readonly type: 'CardRedeemed'; readonly data: { readonly cardId: string; readonly amount: number } }
  | {
      readonly type: 'CardCancelled';
      readonly data: { readonly cardId: string; readonly forfeited: number };
    };

/** Balances by card; a cancelled card is gone. */
export type GiftCards = ReadonlyMap<string, number>;

export const giftCards: Decider<GiftCardCommand, GiftCards, GiftCardEvent> = {
  initialState: () => new Map(),
  evolve: (cards, event) => {
    const next = new Map(cards);
    if (event.type === 'CardIssued') next.set(event.data.cardId, event.data.amount);
    if (event.type === 'CardRedeemed')
      next.set(event.data.cardId, (next.get(event.data.cardId) ?? 0) - event.data.amount);
    if (event.type === 'CardCancelled') next.delete(event.data.cardId);
    return next;
  },
  decide: (command, cards) => {
    const { cardId } = command.data;
    const balance = cards.get(cardId);
    switch (command.type) {
      case 'IssueCard':
        if (balance !== undefined) throw illegalState(`card ${cardId} is already issued`);
        return [{ type: 'CardIssued', data: command.data }];
      case 'RedeemCard':
        if (balance === undefined) throw notFound(`card ${cardId} is not issued`);
        if (command.data.amount > balance) throw illegalState(`card ${cardId} holds only ${balance}`);
        return [{ type: 'CardRedeemed', data: command.data }];
      case 'CancelCard':
        if (balance === undefined) throw notFound(`card ${cardId} is not issued`);
        return [{ type: 'CardCancelled', data: { cardId, forfeited: balance } }];
    }
  },
};
