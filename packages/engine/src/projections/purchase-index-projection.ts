import type { EventType } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';
import { purchaseStreamId } from '../stream-ids.js';
import type { Projection, RestoreOutcome } from './projection.js';

/** One purchase as the index knows it: where its stream is, and who its parties are. */
export interface PurchaseRef {
  readonly streamId: string;
  readonly subscriptionId: string;
  readonly orderId: string;
  readonly partnerId: string;
  readonly customerTenantId: string;
  readonly purchasedAt: string;
}

const PURCHASE = 'purchase:';
const TICKET = 'ticket:';

function isPurchaseRef(value: unknown): value is PurchaseRef {
  if (typeof value !== 'object' || value === null) return false;
  const ref = value as Record<string, unknown>;
  return ['streamId', 'subscriptionId', 'orderId', 'partnerId', 'customerTenantId', 'purchasedAt'].every((field) => typeof ref[field] === 'string');
}

function isStreamList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function addTo(index: Map<string, string[]>, key: string, streamId: string): boolean {
  const streams = index.get(key);
  if (streams === undefined) {
    index.set(key, [streamId]);
    return true;
  }
  if (streams.includes(streamId)) return false;
  streams.push(streamId);
  return true;
}

/**
 * What a command needs to find its purchase's stream without trusting anyone's word for it:
 * every purchase with its parties, by subscription id and by order id, and the stream of each
 * cancellation ticket. Purchases are keyed by their selling partner (see `purchaseStreamId`),
 * so one subscription id may name purchases of several partners: lookups answer every
 * candidate, and the caller keeps those the actor is a party to. Reads `Purchased` and
 * `CancelRequested` alone.
 */
export class PurchaseIndexProjection implements Projection {
  readonly name = 'purchase-index';
  readonly eventTypes: ReadonlySet<EventType> = new Set<EventType>(['Purchased', 'CancelRequested']);
  private readonly purchases = new Map<string, PurchaseRef>();
  private readonly bySubscription = new Map<string, string[]>();
  private readonly byOrder = new Map<string, string[]>();
  private readonly tickets = new Map<string, string[]>();
  private legacy = 0;

  /** How many purchases live in streams keyed the old way, by subscription id alone. */
  get legacyStreams(): number {
    return this.legacy;
  }

  restore(documents: ReadonlyMap<string, unknown>): RestoreOutcome {
    for (const index of [this.purchases, this.bySubscription, this.byOrder, this.tickets]) index.clear();
    this.legacy = 0;
    const refs: PurchaseRef[] = [];
    for (const [key, document] of documents) {
      if (key.startsWith(PURCHASE) && isPurchaseRef(document)) refs.push(document);
      else if (key.startsWith(TICKET) && isStreamList(document)) this.tickets.set(key.slice(TICKET.length), [...document]);
      else {
        // A document of another shape is not trusted, nor are the others: fold the log again.
        this.tickets.clear();
        return 'rebuild';
      }
    }
    refs.sort((a, b) => a.purchasedAt.localeCompare(b.purchasedAt) || a.streamId.localeCompare(b.streamId));
    for (const ref of refs) this.index(ref);
    return 'restored';
  }

  apply(event: RecordedEvent): string | undefined {
    if (event.type === 'Purchased' && event.version === 1) {
      if (this.purchases.has(event.streamId)) return undefined;
      const { subscriptionId, orderId, partnerId, customer } = event.data;
      this.index({ streamId: event.streamId, subscriptionId, orderId, partnerId, customerTenantId: customer.tenantId.toLowerCase(), purchasedAt: event.meta.occurredAt });
      return `${PURCHASE}${event.streamId}`;
    }
    if (event.type === 'CancelRequested') return addTo(this.tickets, event.data.ticketId, event.streamId) ? `${TICKET}${event.data.ticketId}` : undefined;
    return undefined;
  }

  document(key: string): unknown {
    return key.startsWith(PURCHASE) ? this.purchases.get(key.slice(PURCHASE.length)) : this.tickets.get(key.slice(TICKET.length));
  }

  /** The purchase kept in a stream, if the index has seen it. */
  purchase(streamId: string): PurchaseRef | undefined {
    return this.purchases.get(streamId);
  }

  /** Every purchase with this subscription id, in purchase order. */
  withSubscription(subscriptionId: string): PurchaseRef[] {
    return this.refs(this.bySubscription.get(subscriptionId));
  }

  /** Every purchase of this order, in purchase order. */
  ofOrder(orderId: string): PurchaseRef[] {
    return this.refs(this.byOrder.get(orderId));
  }

  /** The purchase(s) a ticket id was opened on (one, unless older logs reused a ticket id). */
  withTicket(ticketId: string): PurchaseRef[] {
    return this.refs(this.tickets.get(ticketId));
  }

  private refs(streamIds: readonly string[] | undefined): PurchaseRef[] {
    const refs: PurchaseRef[] = [];
    for (const streamId of streamIds ?? []) {
      const ref = this.purchases.get(streamId);
      if (ref !== undefined) refs.push(ref);
    }
    return refs;
  }

  private index(ref: PurchaseRef): void {
    this.purchases.set(ref.streamId, ref);
    if (ref.streamId !== purchaseStreamId(ref.partnerId, ref.subscriptionId)) this.legacy += 1;
    addTo(this.bySubscription, ref.subscriptionId, ref.streamId);
    addTo(this.byOrder, ref.orderId, ref.streamId);
  }
}
