import * as E from 'fp-ts/lib/Either.js';
import { authorizeCommand, rolesAllowedFor, Role, ruleError, type Actor, type Command, type CommandType, type PurchaseFacts } from '@csp-onprem/domain';
import type { EngineError } from './engine-error.js';
import type { ProjectionRunner } from './projections/projection-runner.js';
import type { PurchaseIndexProjection, PurchaseRef } from './projections/purchase-index-projection.js';
import type { EventStore } from './store/event-store.js';
import type { StreamCache } from './stream-loader.js';
import { purchaseStreamId } from './stream-ids.js';

/** What finding a purchase's stream reads. */
export interface ResolverDeps {
  readonly store: EventStore;
  readonly streams: StreamCache;
  readonly indexRunner: ProjectionRunner;
  readonly purchaseIndex: PurchaseIndexProjection;
}

type Resolved = Promise<E.Either<EngineError, string>>;

/** Whether the actor may act on this purchase with this command (its roles and tenant). */
export function isPartyTo(type: CommandType, actor: Actor, ref: PurchaseRef): boolean {
  return E.isRight(authorizeCommand(type, actor, { partnerId: ref.partnerId, customer: { tenantId: ref.customerTenantId } }));
}

function unknownPurchase(subscriptionId: string): EngineError {
  return ruleError('UnknownPurchase', `no purchase with subscription id ${subscriptionId}`);
}

function ambiguous(refs: readonly PurchaseRef[], what: string): EngineError {
  const partners = [...new Set(refs.map((ref) => ref.partnerId))].join(', ');
  return ruleError('AmbiguousPurchase', `${what} names ${refs.length} purchases, sold by ${partners}: give partnerId to say which`);
}

async function currentIndex(deps: ResolverDeps): Promise<E.Either<EngineError, PurchaseIndexProjection>> {
  // Saved only every `saveEvery` events, so a process that only runs commands resumes near the end.
  const caughtUp = await deps.indexRunner.catchUp({ save: 'when-due' });
  return E.isLeft(caughtUp) ? caughtUp : E.right(deps.purchaseIndex);
}

/**
 * What the partner's own stream for this subscription holds: the partner's purchase, nothing,
 * or another partner's (a stream of an older log keyed by a subscription id holding a slash
 * can bear the same id).
 */
async function ownStreamHolds(deps: ResolverDeps, streamId: string, partnerId: string): Promise<E.Either<EngineError, 'own' | 'empty' | 'foreign'>> {
  const holder = (purchase: PurchaseFacts | null): 'own' | 'empty' | 'foreign' =>
    purchase === null ? 'empty' : purchase.partnerId.toLowerCase() === partnerId.toLowerCase() ? 'own' : 'foreign';
  const cached = deps.streams.peek(streamId);
  if (cached !== undefined && cached.state.purchase !== null) return E.right(holder(cached.state.purchase));
  const loaded = await deps.streams.load(deps.store, streamId);
  return E.isLeft(loaded) ? loaded : E.right(holder(loaded.right.state.purchase));
}

/**
 * The purchases with this subscription id that the actor is a party to, narrowed to one
 * selling partner when given. Only purchases the actor could act on are ever considered, so
 * no answer tells anyone else whether a subscription id exists.
 */
async function candidates(deps: ResolverDeps, command: Command, subscriptionId: string, partnerId: string | undefined): Promise<E.Either<EngineError, PurchaseRef[]>> {
  const index = await currentIndex(deps);
  if (E.isLeft(index)) return index;
  return E.right(index.right.withSubscription(subscriptionId).filter((ref) => isPartyTo(command.type, command.actor, ref) && (partnerId === undefined || ref.partnerId === partnerId)));
}

async function bySubscription(deps: ResolverDeps, command: Command, subscriptionId: string, partnerId?: string): Resolved {
  // A partner's own purchase is found without the index, unless partnerId names another partner.
  const ownNamespace = rolesAllowedFor[command.type].includes(Role.AdminAgent) && command.actor.roles.includes(Role.AdminAgent) && (partnerId === undefined || partnerId === command.actor.tenantId);
  const own = purchaseStreamId(command.actor.tenantId, subscriptionId);
  let ownIsEmpty = false;
  if (ownNamespace) {
    const held = await ownStreamHolds(deps, own, command.actor.tenantId);
    if (E.isLeft(held)) return held;
    if (held.right === 'own') return E.right(own);
    ownIsEmpty = held.right === 'empty';
  }
  const found = await candidates(deps, command, subscriptionId, partnerId);
  if (E.isLeft(found)) return found;
  const [only, ...more] = found.right;
  // Deciding on the partner's own (empty) stream answers UnknownPurchase, or replays a retried purchase's id.
  if (only === undefined) return ownIsEmpty ? E.right(own) : E.left(unknownPurchase(subscriptionId));
  return more.length === 0 ? E.right(only.streamId) : E.left(ambiguous(found.right, `subscription id ${subscriptionId}`));
}

/** A new purchase goes to the partner's own stream, unless a stream keyed the old way already holds it. */
async function forPurchase(deps: ResolverDeps, command: Extract<Command, { type: 'PurchaseSoftware' }>): Resolved {
  const own = purchaseStreamId(command.partnerId, command.subscriptionId);
  if (deps.indexRunner.position > 0 && deps.purchaseIndex.legacyStreams === 0) return E.right(own);
  const index = await currentIndex(deps);
  if (E.isLeft(index)) return index;
  const legacy = index.right.withSubscription(command.subscriptionId).find((ref) => ref.partnerId === command.partnerId && ref.streamId !== own);
  // Deciding on it answers DuplicatePurchase, or the earlier result of the same command id.
  return E.right(legacy?.streamId ?? own);
}

/**
 * A cancellation given only an order id is resolved among the purchases of that order that
 * the actor's tenant sold; a retry of a request already accepted on one of them goes there.
 */
async function byOrder(deps: ResolverDeps, command: Command, orderId: string): Resolved {
  const index = await currentIndex(deps);
  if (E.isLeft(index)) return index;
  const sold = index.right.ofOrder(orderId).filter((ref) => ref.partnerId === command.actor.tenantId);
  const [only] = sold;
  if (only === undefined) return E.left(ruleError('UnknownPurchase', `no purchase with order id ${orderId} sold by tenant ${command.actor.tenantId}`));
  if (sold.length === 1) return E.right(only.streamId);
  for (const ref of sold) {
    const stream = await deps.streams.load(deps.store, ref.streamId);
    if (E.isLeft(stream)) return stream;
    if (stream.right.commandIds.has(command.commandId)) return E.right(ref.streamId);
  }
  const subscriptions = sold.map((ref) => ref.subscriptionId);
  return E.left(ruleError('AmbiguousOrder', `order ${orderId} covers ${sold.length} purchases (${subscriptions.join(', ')}): give the subscription id`));
}

/** A ticket is found by its id; a subscription id given beside it must be the ticket's own. */
async function byTicket(deps: ResolverDeps, command: Command, ticketId: string, subscriptionId: string | undefined): Resolved {
  const index = await currentIndex(deps);
  if (E.isLeft(index)) return index;
  const found = index.right
    .withTicket(ticketId)
    .filter((ref) => isPartyTo(command.type, command.actor, ref) && (subscriptionId === undefined || ref.subscriptionId === subscriptionId));
  const [only, ...more] = found;
  if (only !== undefined) return more.length === 0 ? E.right(only.streamId) : E.left(ambiguous(found, `ticket ${ticketId}`));
  // No such ticket here: the purchase (if any) answers why, as UnknownTicket or AlreadyCancelled.
  if (subscriptionId !== undefined) return bySubscription(deps, command, subscriptionId);
  return E.left(ruleError('UnknownTicket', `no ticket ${ticketId}`));
}

/**
 * Which stream a command targets, found without trusting anyone's word: a partner's own
 * purchases by its tenant and the subscription id; a customer's GlobalAdmin's and Support's
 * through the purchase index, among purchases they are a party to; a ticket by its id; a
 * cancellation by order id among the orders the partner sold. An actor who is no party to a
 * purchase is told `UnknownPurchase`, exactly as if it did not exist.
 */
export async function resolvePurchaseStream(deps: ResolverDeps, command: Command): Resolved {
  switch (command.type) {
    case 'PurchaseSoftware':
      return forPurchase(deps, command);
    case 'GetKey':
    case 'DownloadSoftware':
      return bySubscription(deps, command, command.subscriptionId, command.partnerId);
    case 'CopyDownloadLink':
      return bySubscription(deps, command, command.subscriptionId);
    case 'RequestCancellation':
      return command.subscriptionId !== undefined ? bySubscription(deps, command, command.subscriptionId) : byOrder(deps, command, command.orderId ?? '');
    case 'CompleteCancellation':
    case 'RejectCancellation':
      return byTicket(deps, command, command.ticketId, command.subscriptionId);
  }
}
