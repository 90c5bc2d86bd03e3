import * as E from 'fp-ts/lib/Either.js';
import { foldSoftwareItem, invalidCommand, readScope, refundEligibilityOf, Role, ruleError, type Actor, type RefundEligibility } from '@csp-onprem/domain';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import type { PurchaseIndexProjection, PurchaseRef } from '../projections/purchase-index-projection.js';
import { checkClaimedParties } from '../projections/purchase-parties.js';
import type { RecordedEvent } from '../recorded-event.js';
import { readStreamEvents } from '../stream-loader.js';
import { purchaseStreamId } from '../stream-ids.js';
import type { EngineError } from '../engine-error.js';
import type { EventStore } from '../store/event-store.js';
import { storeUnavailable } from '../store/store-errors.js';
import { checkAsOf, checkIdentifier, checkTenant, decodeActor, prefixAsOf, readOptions, type AsOf } from './query-input.js';

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

/** Options of a refund-eligibility query. */
export interface RefundEligibilityOptions {
  /** The selling partner, needed only when the subscription id names purchases of several partners the reader may see. */
  readonly partnerId?: string;
}

/** What a refund-eligibility query reads: the purchase index to find the stream, and the log. */
export interface RefundEligibilityDeps {
  readonly store: EventStore;
  readonly indexRunner: ProjectionRunner;
  readonly purchaseIndex: PurchaseIndexProjection;
}

function mayRead(actor: Actor, ref: PurchaseRef): boolean {
  const scope = readScope(actor, ref.customerTenantId);
  return scope.kind === 'all' || (scope.kind === 'partner' && scope.partnerId === ref.partnerId);
}

/** The one purchase with this subscription id the reader may see, found through the purchase index. */
async function readablePurchase(deps: RefundEligibilityDeps, actor: Actor, subscriptionId: string, partnerId: string | undefined): Promise<E.Either<EngineError, PurchaseRef>> {
  const caughtUp = await deps.indexRunner.catchUp({ save: 'when-due' });
  if (E.isLeft(caughtUp)) return caughtUp;
  const found = deps.purchaseIndex.withSubscription(subscriptionId).filter((ref) => mayRead(actor, ref) && (partnerId === undefined || ref.partnerId === partnerId));
  const [only, ...more] = found;
  // A purchase the reader may not see is answered exactly as one that does not exist.
  if (only === undefined) return E.left(ruleError('UnknownPurchase', `no purchase with subscription id ${subscriptionId}`));
  if (more.length > 0) {
    const partners = found.map((ref) => ref.partnerId).join(', ');
    return E.left(ruleError('AmbiguousPurchase', `subscription id ${subscriptionId} names ${found.length} purchases, sold by ${partners}: give partnerId to say which`));
  }
  return E.right(only);
}

/**
 * A partner's own purchase, read from its own stream without the purchase index, as commands
 * find it: the events when the actor is an AdminAgent (of the partner `partnerId` names, if
 * given) and that stream holds a purchase, else undefined.
 */
async function ownPurchase(deps: RefundEligibilityDeps, actor: Actor, subscriptionId: string, partnerId: string | undefined): Promise<E.Either<EngineError, RecordedEvent[] | undefined>> {
  if (!actor.roles.includes(Role.AdminAgent) || (partnerId !== undefined && partnerId !== actor.tenantId)) return E.right(undefined);
  const events = await readStreamEvents(deps.store, purchaseStreamId(actor.tenantId, subscriptionId));
  if (E.isLeft(events)) return events;
  // A stream of an older log keyed by a subscription id holding a slash can bear this id too.
  const first = events.right[0];
  return E.right(first?.type === 'Purchased' && first.data.partnerId.toLowerCase() === actor.tenantId.toLowerCase() ? events.right : undefined);
}

/** The events of the one purchase the reader may see, found through the purchase index, whose parties must be the log's own. */
async function indexedPurchase(deps: RefundEligibilityDeps, actor: Actor, subscriptionId: string, partnerId: string | undefined): Promise<E.Either<EngineError, RecordedEvent[]>> {
  const purchase = await readablePurchase(deps, actor, subscriptionId, partnerId);
  if (E.isLeft(purchase)) return purchase;
  const loaded = await readStreamEvents(deps.store, purchase.right.streamId);
  if (E.isLeft(loaded)) return loaded;
  const agreed = checkClaimedParties('purchase-index', purchase.right.streamId, purchase.right, loaded.right);
  return E.isLeft(agreed) ? agreed : loaded;
}

/**
 * Refund eligibility of one purchase as of `at`: an instant, or a global position (the stream
 * as it stood once that event was written, judged at that event's instant).
 */
export async function refundEligibilityQuery(
  deps: RefundEligibilityDeps,
  actorInput: unknown,
  subscriptionInput: unknown,
  atInput: unknown,
  options?: RefundEligibilityOptions,
): Promise<E.Either<EngineError, RefundEligibility>> {
  const actor = decodeActor(actorInput);
  if (E.isLeft(actor)) return actor;
  const subscription = checkIdentifier(subscriptionInput, 'subscriptionId');
  if (E.isLeft(subscription)) return subscription;
  const subscriptionId = subscription.right;
  const asOf = checkAsOf(atInput, 'at');
  if (E.isLeft(asOf)) return asOf;
  const read = readOptions(options, ['partnerId']);
  if (E.isLeft(read)) return read;
  const partner = read.right.partnerId === undefined ? E.right(undefined) : checkTenant(read.right.partnerId, 'partnerId');
  if (E.isLeft(partner)) return partner;
  // Refuse a reader with no read role before looking: existence is not theirs to learn.
  const anyScope = readScope(actor.right, actor.right.tenantId);
  if (anyScope.kind === 'none') return E.left(ruleError('Forbidden', anyScope.why));
  const own = await ownPurchase(deps, actor.right, subscriptionId, partner.right);
  if (E.isLeft(own)) return own;
  const loaded = own.right === undefined ? await indexedPurchase(deps, actor.right, subscriptionId, partner.right) : E.right(own.right);
  if (E.isLeft(loaded)) return loaded;
  const item = foldSoftwareItem(prefixAsOf(loaded.right, asOf.right));
  if (item === undefined) return E.left(ruleError('UnknownPurchase', `no purchase with subscription id ${subscriptionId} as of ${describeAsOf(asOf.right)}`));
  const at = typeof asOf.right === 'number' ? await instantOfPosition(deps.store, asOf.right) : E.right(asOf.right);
  return E.isLeft(at) ? at : E.right(refundEligibilityOf(item, at.right));
}

function describeAsOf(asOf: AsOf): string {
  return typeof asOf === 'number' ? `position ${asOf}` : asOf.toISOString();
}
