import * as E from 'fp-ts/lib/Either.js';
import { foldSoftwareItem, Identifier, invalidCommand, readScope, refundEligibilityOf, ruleError, type RefundEligibility } from '@csp-onprem/domain';
import { readStreamEvents } from '../stream-loader.js';
import type { EngineError } from '../engine-error.js';
import type { EventStore } from '../store/event-store.js';
import { purchaseStreamId } from '../stream-ids.js';
import { checkInstant, decodeActor, prefixAsOf } from './query-input.js';

/** Refund eligibility of one purchase as of `at`, replayed from its stream up to that instant. */
export async function refundEligibilityQuery(
  store: EventStore,
  actorInput: unknown,
  subscriptionId: unknown,
  atInput: unknown,
): Promise<E.Either<EngineError, RefundEligibility>> {
  const actor = decodeActor(actorInput);
  if (E.isLeft(actor)) return actor;
  if (!Identifier.is(subscriptionId)) {
    return E.left(invalidCommand([{ path: 'subscriptionId', expected: Identifier.name, found: typeof subscriptionId }]));
  }
  const at = checkInstant(atInput, 'at');
  if (E.isLeft(at)) return at;
  // Refuse a reader with no read role before looking: existence is not theirs to learn.
  const anyScope = readScope(actor.right, actor.right.tenantId);
  if (anyScope.kind === 'none') return E.left(ruleError('Forbidden', anyScope.why));
  const loaded = await readStreamEvents(store, purchaseStreamId(subscriptionId));
  if (E.isLeft(loaded)) return loaded;
  const item = foldSoftwareItem(prefixAsOf(loaded.right, at.right));
  if (item === undefined) return E.left(ruleError('UnknownPurchase', `no purchase with subscription id ${subscriptionId} as of ${at.right.toISOString()}`));
  const scope = readScope(actor.right, item.customer.tenantId);
  if (scope.kind === 'none') return E.left(ruleError('Forbidden', scope.why));
  if (scope.kind === 'partner' && scope.partnerId !== item.partnerId) {
    return E.left(ruleError('Forbidden', `tenant ${actor.right.tenantId} did not sell subscription ${subscriptionId}`));
  }
  return E.right(refundEligibilityOf(item, at.right));
}
