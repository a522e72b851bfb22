import { profileProjection } from '@rapport/profiles';
import { defineReactor, type ReactorDefinition } from '@rapport/projections';

/**
 * The profile projection as a reactor that also asks for one `EarnPoints` command per purchase: the same fold, so
 * what it costs beyond the plain projection is the cost of effects (emitting, committing, and in a replay finding
 * them already in the outbox).
 */
export const earnReactor = (version = 1): ReactorDefinition<unknown> =>
  defineReactor<unknown>({
    ...(profileProjection as unknown as ReactorDefinition<unknown>),
    name: 'profile-earn',
    version,
    emits: { commands: ['EarnPoints'] },
    evolve: (state, event, ctx) => {
      if (event.type === 'PurchaseCompleted') {
        const { orderId, total } = event.data as { orderId: string; total: number };
        ctx.command({
          type: 'EarnPoints',
          data: { customerId: ctx.key, orderId, points: Math.floor(total / 100) },
        });
      }
      return (profileProjection.evolve as ReactorDefinition<unknown>['evolve'])(state, event, ctx);
    },
  });
