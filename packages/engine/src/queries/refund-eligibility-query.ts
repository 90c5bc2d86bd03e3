import * as E from 'fp-ts/lib/Either.js';
import { foldSoftwareItem, invalidCommand, readScope, refundEligibilityOf, ruleError, type RefundEligibility } from '@csp-onprem/domain';
import { readStreamEvents } from '../stream-loader.js';
import type { EngineError } from '../engine-error.js';
import type { EventStore } from '../store/event-store.js';
import { storeUnavailable } from '../store/store-errors.js';
import { purchaseStreamId } from '../stream-ids.js';
import { checkAsOf, checkIdentifier, decodeActor, prefixAsOf, type AsOf } from './query-input.js';

/**
 * The instant a purchase is judged at for an `at` given as a global position: the time of the
 * event at that position (the moment it was written), or an error naming `at` when the log
 * holds no event there.
 */
async function instantOfPosition(store: EventStore, position: number): Promise<E.Either<EngineError, Date>> {
  const page = await store.readAll({ after: position - 1, limit: 1 });
  if (E.isLeft(page)) return page;
  const event = page.right[0];
  if (position < 1 || event === undefined || event.position !== position) {
    return E.left(invalidCommand([{ path: 'at', expected: 'an instant, or the global position of an event in the log', found: String(position) }]));
  }
  const instant = new Date((event.meta as { occurredAt?: unknown }).occurredAt as string);
  return Number.isNaN(instant.getTime()) ? E.left(storeUnavailable(`event at position ${position}`, 'it has no readable occurredAt (run verify)')) : E.right(instant);
}

/**
 * Refund eligibility of one purchase as of `at`: an instant, or a global position (the stream
 * as it stood once that event was written, judged at that event's instant).
 */
export async function refundEligibilityQuery(
  store: EventStore,
  actorInput: unknown,
  subscriptionInput: unknown,
  atInput: unknown,
): Promise<E.Either<EngineError, RefundEligibility>> {
  const actor = decodeActor(actorInput);
  if (E.isLeft(actor)) return actor;
  const subscription = checkIdentifier(subscriptionInput, 'subscriptionId');
  if (E.isLeft(subscription)) return subscription;
  const subscriptionId = subscription.right;
  const asOf = checkAsOf(atInput, 'at');
  if (E.isLeft(asOf)) return asOf;
  // Refuse a reader with no read role before looking: existence is not theirs to learn.
  const anyScope = readScope(actor.right, actor.right.tenantId);
  if (anyScope.kind === 'none') return E.left(ruleError('Forbidden', anyScope.why));
  const loaded = await readStreamEvents(store, purchaseStreamId(subscriptionId));
  if (E.isLeft(loaded)) return loaded;
  const item = foldSoftwareItem(prefixAsOf(loaded.right, asOf.right));
  if (item === undefined) return E.left(ruleError('UnknownPurchase', `no purchase with subscription id ${subscriptionId} as of ${describeAsOf(asOf.right)}`));
  const scope = readScope(actor.right, item.customer.tenantId);
  if (scope.kind === 'none') return E.left(ruleError('Forbidden', scope.why));
  if (scope.kind === 'partner' && scope.partnerId !== item.partnerId) {
    return E.left(ruleError('Forbidden', `tenant ${actor.right.tenantId} did not sell subscription ${subscriptionId}`));
  }
  const at = typeof asOf.right === 'number' ? await instantOfPosition(store, asOf.right) : E.right(asOf.right);
  return E.isLeft(at) ? at : E.right(refundEligibilityOf(item, at.right));
}

function describeAsOf(asOf: AsOf): string {
  return typeof asOf === 'number' ? `position ${asOf}` : asOf.toISOString();
}
