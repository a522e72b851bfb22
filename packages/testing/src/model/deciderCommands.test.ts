import { AssertionError } from 'node:assert/strict';
import {
  type CustomerCommandInput,
  type CustomerState,
  customerDecider,
  type Decider,
  type TouchpointEvent,
} from '@rapport/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DeciderModel, deciderCommands, runDeciderCommands } from './deciderCommands';

// ids from small pools, so later commands often name what earlier ones recorded
const orderId = fc.constantFrom('o1', 'o2', 'o3');
const command: fc.Arbitrary<CustomerCommandInput> = fc.oneof(
  fc.constant<CustomerCommandInput>({
    type: 'RegisterCustomer',
    data: { customerId: 'c1', kind: 'customer' },
  }),
  fc.record({ orderId, total: fc.integer({ min: 1, max: 5000 }) }).map(
    ({ orderId, total }): CustomerCommandInput => ({
      type: 'RecordPurchase',
      data: { customerId: 'c1', orderId, lines: [], total, currency: 'USD', paymentMethod: 'card' },
    }),
  ),
  fc
    .record({
      orderId,
      amount: fc.integer({ min: 0, max: 5000 }),
      refundId: fc.constantFrom('r1', 'r2', 'r3', 'r4'),
    })
    .map(
      ({ orderId, amount, refundId }): CustomerCommandInput => ({
        type: 'RecordRefund',
        data: {
          customerId: 'c1',
          orderId,
          refundId,
          kind: 'refund',
          amount,
          currency: 'USD',
          reason: 'goodwill',
        },
      }),
    ),
);

const model: DeciderModel<CustomerCommandInput, CustomerState, TouchpointEvent> = {
  decider: customerDecider as unknown as Decider<CustomerCommandInput, CustomerState, TouchpointEvent>,
  invariant: (state) => {
    for (const [id, order] of state.orders) {
      if (order.refunded > order.total)
        throw new AssertionError({ message: `order ${id} refunded past its total` });
    }
  },
  accepts: (state, command) => {
    if (command.type === 'RegisterCustomer') return state.status === 'unregistered';
    if (state.status === 'unregistered') return false;
    if (command.type === 'RecordPurchase') return !state.orders.has(command.data.orderId);
    return undefined;
  },
};

describe('given any sequence of customer commands', () => {
  it('every refusal is typed, the model’s verdicts hold, and no order is ever refunded past its total', () => {
    fc.assert(
      fc.property(deciderCommands(model, command, { maxCommands: 30 }), (commands) => {
        const run = runDeciderCommands(model, commands);
        expect(run.history.length + run.refused.length).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('finds and shrinks a decider that lets a refund pass its order total', () => {
    const lax: DeciderModel<CustomerCommandInput, CustomerState, TouchpointEvent> = {
      ...model,
      decider: {
        ...model.decider,
        decide: (command, state) =>
          command.type === 'RecordRefund' && state.orders.has(command.data.orderId)
            ? [{ type: 'OrderRefunded', data: { ...command.data, customerId: undefined } as never }]
            : model.decider.decide(command, state),
      },
    };
    const failure = fc.check(
      fc.property(deciderCommands(lax, command, { maxCommands: 30 }), (commands) => {
        runDeciderCommands(lax, commands);
      }),
      { numRuns: 500, seed: 1 },
    );
    expect(failure.failed).toBe(true);
    expect(String(failure.errorInstance)).toContain('refunded past its total');
    // shrunk to register, buy, refund too much
    expect(String(failure.counterexample?.[0]).match(/decide\(/g)?.length).toBeLessThanOrEqual(4);
  });

  it('names a command that throws something other than a RapportError', () => {
    const crashing: DeciderModel<CustomerCommandInput, CustomerState, TouchpointEvent> = {
      ...model,
      decider: {
        ...model.decider,
        decide: (command, state) => {
          if (command.type === 'RecordRefund') throw new TypeError('cannot read properties of undefined');
          return model.decider.decide(command, state);
        },
      },
    };
    const failure = fc.check(
      fc.property(deciderCommands(crashing, command), (commands) => {
        runDeciderCommands(crashing, commands);
      }),
      { seed: 2 },
    );
    expect(String(failure.errorInstance)).toContain('threw an untyped error: TypeError');
  });
});
