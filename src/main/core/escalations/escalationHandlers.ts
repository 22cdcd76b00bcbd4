import type { Handlers } from '../../../shared/contract';
import type { EscalationService } from './escalationService';

export function escalationHandlers(
  escalations: EscalationService
): Pick<Handlers, 'escalations.create' | 'escalations.list' | 'escalations.counts' | 'escalations.acknowledge' | 'escalations.resolve'> {
  return {
    'escalations.create': (input, ctx) => escalations.create(ctx, input),
    'escalations.list': async (input, ctx) => escalations.list(ctx, input ?? {}),
    'escalations.counts': async (_i, ctx) => escalations.counts(ctx),
    'escalations.acknowledge': ({ id }, ctx) => escalations.acknowledge(ctx, id),
    'escalations.resolve': ({ id, resolution }, ctx) => escalations.resolve(ctx, id, resolution)
  };
}
