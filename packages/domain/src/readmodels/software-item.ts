import type { Money } from '../codecs/money.js';
import type { CancellationPolicy, Customer, Product } from '../codecs/product.js';
import type { Variant } from '../codecs/variant.js';
import type { TimedEvent } from '../evolve.js';
import type { EventOf } from '../events.js';
import { cancellationDeadline } from '../policy.js';
import type { PurchaseStatus } from '../state.js';
import { variantKey } from '../variants.js';

/** A product key as the software list shows it: never the key itself. */
export interface KeyView {
  variant: Variant;
  fingerprint: string;
  issuedAt: string;
  revoked: boolean;
  revokedAt: string | null;
  /** How many times the key was shown again after it was issued. */
  views: number;
  /** The vault id of the data key that sealed it. */
  dataKeyId: string;
  /**
   * True once the tenant's data key was destroyed (crypto-shredding): the key can never be
   * shown again. The log does not record this; the engine asks the vault when it answers.
   */
  shredded: boolean;
}

/** One cancellation ticket of a purchase and how it ended. */
export interface CancellationView {
  ticketId: string;
  requestedAt: string;
  requestedAmount: Money;
  refundReason: string;
  outcome: 'pending' | 'completed' | 'rejected';
  decidedAt: string | null;
  credit: Money | null;
  rejectionReason: string | null;
}

/** One purchase as the customer's *Software* page lists it. Dates are ISO-8601 strings. */
export interface SoftwareItem {
  subscriptionId: string;
  orderId: string;
  partnerId: string;
  customer: Customer;
  product: Product;
  quantity: number;
  unitPrice: Money;
  paid: Money;
  purchasedAt: string;
  status: PurchaseStatus;
  cancellationPolicy: CancellationPolicy;
  /** The first instant at which a cancellation is refused. */
  cancellableUntil: string;
  keys: KeyView[];
  downloads: number;
  linkCopies: number;
  /** False once the purchase is cancelled: download links stop being offered. */
  downloadLinksOffered: boolean;
  cancellations: CancellationView[];
  lastActivityAt: string;
  /** The stream version this item reflects. */
  version: number;
}

/** Starts a software-list item from its `Purchased` event. */
export function newSoftwareItem(event: EventOf<'Purchased'>, occurredAt: string): SoftwareItem {
  const d = event.data;
  return {
    subscriptionId: d.subscriptionId,
    orderId: d.orderId,
    partnerId: d.partnerId,
    customer: d.customer,
    product: d.product,
    quantity: d.quantity,
    unitPrice: d.unitPrice,
    paid: d.paid,
    purchasedAt: occurredAt,
    status: 'active',
    cancellationPolicy: d.cancellationPolicy,
    cancellableUntil: cancellationDeadline(new Date(occurredAt), d.cancellationPolicy).toISOString(),
    keys: [],
    downloads: 0,
    linkCopies: 0,
    downloadLinksOffered: true,
    cancellations: [],
    lastActivityAt: occurredAt,
    version: 1,
  };
}

function keyOf(item: SoftwareItem, variant: Variant): KeyView | undefined {
  const wanted = variantKey(variant);
  return item.keys.find((key) => variantKey(key.variant) === wanted);
}

function ticketOf(item: SoftwareItem, ticketId: string): CancellationView | undefined {
  return item.cancellations.find((c) => c.ticketId === ticketId);
}

/**
 * Applies one event to a software-list item in place. A hand-written mutable fold:
 * read models are rebuilt from millions of events, so they avoid a copy per event.
 */
export function applyToSoftwareItem(item: SoftwareItem, event: TimedEvent): void {
  const at = event.meta.occurredAt;
  item.version += 1;
  item.lastActivityAt = at;
  switch (event.type) {
    case 'Purchased':
      return;
    case 'KeyIssued':
      item.keys.push({
        variant: event.data.variant,
        fingerprint: event.data.fingerprint,
        issuedAt: at,
        revoked: false,
        revokedAt: null,
        views: 0,
        dataKeyId: event.data.sealedKey.keyId,
        shredded: false,
      });
      return;
    case 'KeyViewed': {
      const key = keyOf(item, event.data.variant);
      if (key) key.views += 1;
      return;
    }
    case 'Downloaded':
      item.downloads += 1;
      return;
    case 'LinkCopied':
      item.linkCopies += 1;
      return;
    case 'CancelRequested':
      item.status = 'cancellation-pending';
      item.cancellations.push({
        ticketId: event.data.ticketId,
        requestedAt: at,
        requestedAmount: event.data.requestedAmount,
        refundReason: event.data.refundReason,
        outcome: 'pending',
        decidedAt: null,
        credit: null,
        rejectionReason: null,
      });
      return;
    case 'CancelCompleted': {
      item.status = 'cancelled';
      item.downloadLinksOffered = false;
      const ticket = ticketOf(item, event.data.ticketId);
      if (ticket) Object.assign(ticket, { outcome: 'completed', decidedAt: at, credit: event.data.credit });
      return;
    }
    case 'CancelRejected': {
      item.status = 'active';
      const ticket = ticketOf(item, event.data.ticketId);
      if (ticket) Object.assign(ticket, { outcome: 'rejected', decidedAt: at, rejectionReason: event.data.reason });
      return;
    }
    case 'KeyRevoked': {
      const key = keyOf(item, event.data.variant);
      if (key) Object.assign(key, { revoked: true, revokedAt: at });
      return;
    }
  }
}

/** Folds a whole stream (in order) into its software-list item; `undefined` before `Purchased`. */
export function foldSoftwareItem(events: Iterable<TimedEvent>): SoftwareItem | undefined {
  let item: SoftwareItem | undefined;
  for (const event of events) {
    if (item === undefined) {
      if (event.type === 'Purchased') item = newSoftwareItem(event, event.meta.occurredAt);
    } else {
      applyToSoftwareItem(item, event);
    }
  }
  return item;
}
