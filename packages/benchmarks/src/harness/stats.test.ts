import { describe, expect, it } from 'vitest';
import { interleave } from './stats';

describe('interleaved rounds', () => {
  it('rotates who goes first, runs the hook before every contender, and returns each one’s median', async () => {
    const order: string[] = [];
    const figures = { a: [3, 1, 2], b: [10, 30, 20] };
    const rates = await interleave(
      3,
      {
        a: (round) => {
          order.push(`a${round}`);
          return figures.a[round]!;
        },
        b: async (round) => {
          order.push(`b${round}`);
          return figures.b[round]!;
        },
      },
      () => order.push('gc'),
    );
    expect(rates).toEqual({ a: 2, b: 20 });
    expect(order).toEqual(['gc', 'a0', 'gc', 'b0', 'gc', 'b1', 'gc', 'a1', 'gc', 'a2', 'gc', 'b2']);
  });
});
