import * as E from 'fp-ts/lib/Either.js';
import type { EngineError } from '../engine-error.js';
import type { RecordedEvent } from '../recorded-event.js';
import type { EventStore } from '../store/event-store.js';
import { readStreamEvents } from '../stream-loader.js';
import { readModelMismatch, type ReadModelMismatchError } from './read-model-mismatch.js';

/** Who a purchase is between, as its `Purchased` event records it: what authorization and the audit trail rely on. */
export interface PurchaseParties {
  readonly partnerId: string;
  readonly customerTenantId: string;
  readonly subscriptionId: string;
  readonly orderId: string;
}

/** The parties a `Purchased` event records (the customer tenant in lower case); undefined for any other event. */
export function partiesOfPurchase(event: RecordedEvent): PurchaseParties | undefined {
  if (event.type !== 'Purchased') return undefined;
  const { partnerId, customer, subscriptionId, orderId } = event.data;
  return { partnerId: partnerId.toLowerCase(), customerTenantId: customer.tenantId.toLowerCase(), subscriptionId, orderId };
}

/** Whether two claims name the same parties (tenants compared regardless of case). */
export function sameParties(a: PurchaseParties, b: PurchaseParties): boolean {
  return a.subscriptionId === b.subscriptionId && a.orderId === b.orderId && a.partnerId.toLowerCase() === b.partnerId.toLowerCase() && a.customerTenantId.toLowerCase() === b.customerTenantId.toLowerCase();
}

/** The fields in which claimed parties differ from the log's. */
export function partiesDiffer(claimed: PurchaseParties, logged: PurchaseParties): string[] {
  return (['partnerId', 'customerTenantId', 'subscriptionId', 'orderId'] as const).filter((field) =>
    field === 'subscriptionId' || field === 'orderId' ? claimed[field] !== logged[field] : claimed[field].toLowerCase() !== logged[field],
  );
}

/**
 * Checks the parties a saved read model claims for a stream against the stream's events, whose
 * first must be its `Purchased`: Right when they agree, else `ReadModelMismatch` naming the
 * fields (never their values), after `subject` when the claim is one item's ("ticket T-1: ").
 */
export function checkClaimedParties(readModel: string, streamId: string, claimed: PurchaseParties, events: readonly RecordedEvent[], subject = ''): E.Either<ReadModelMismatchError, void> {
  const first = events[0];
  const logged = first === undefined ? undefined : partiesOfPurchase(first);
  if (logged === undefined) return E.left(readModelMismatch(readModel, streamId, `${subject}the log holds no purchase in that stream`));
  const differing = partiesDiffer(claimed, logged);
  return differing.length === 0 ? E.right(undefined) : E.left(readModelMismatch(readModel, streamId, `${subject}its ${differing.join(', ')} ${differing.length === 1 ? 'is' : 'are'} not the purchase's own`));
}

/**
 * Reads a stream and checks the parties a saved read model claims for it (see
 * {@link checkClaimedParties}), so that a document edited in the database never decides who
 * may see what.
 */
export async function confirmParties(store: EventStore, readModel: string, streamId: string, claimed: PurchaseParties): Promise<E.Either<EngineError, void>> {
  const events = await readStreamEvents(store, streamId);
  return E.isLeft(events) ? events : checkClaimedParties(readModel, streamId, claimed, events.right);
}
