// Run with node's own test runner: the kit's helpers fail with node's AssertionError, under any runner.
import { test } from 'node:test';
import { deciderCommands, givenDecider, runDeciderCommands } from '@rapport/testing';
import fc from 'fast-check';
import { type GiftCardCommand, giftCards } from './giftCards';

// #region model
const cardId = fc.constantFrom('g1', 'g2');
const amount = fc.integer({ min: 1, max: 10_000 });
const command: fc.Arbitrary<GiftCardCommand> = fc.oneof(
  fc.record({ cardId, amount }).map((data) => ({ type: 'IssueCard' as const, data })),
  fc.record({ cardId, amount }).map((data) => ({ type: 'RedeemCard' as const, data })),
  fc.record({ cardId }).map((data) => ({ type: 'CancelCard' as const, data })),
);

const model = {
  decider: giftCards,
  // a law over every state an accepted history reaches
  invariant: (cards: ReadonlyMap<string, number>) => {
    for (const [id, balance] of cards) if (balance < 0) throw new Error(`card ${id} went negative`);
  },
  // the model's own verdict where it has one
  accepts: (cards: ReadonlyMap<string, number>, c: GiftCardCommand) =>
    c.type === 'IssueCard' ? !cards.has(c.data.cardId) : cards.has(c.data.cardId) ? undefined : false,
};

test('given any sequence of gift card commands, no balance goes negative and every refusal is typed', () => {
  fc.assert(
    fc.property(deciderCommands(model, command), (commands) => {
      runDeciderCommands(model, commands);
    }),
  );
});
// #endregion model

test('a redemption larger than the balance is refused', () => {
  givenDecider(giftCards, [{ type: 'CardIssued', data: { cardId: 'g1', amount: 500 } }])
    .when({ type: 'RedeemCard', data: { cardId: 'g1', amount: 501 } })
    .thenThrows('IllegalState', 'holds only 500');
});
