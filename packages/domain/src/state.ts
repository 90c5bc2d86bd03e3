import type { CancellationPolicy, Customer, Product } from './codecs/product.js';
import type { Money } from './codecs/money.js';
import type { SealedKey } from './codecs/sealed-key.js';
import type { Variant } from './codecs/variant.js';

/** Status of a purchase as the Software page shows it. */
export type PurchaseStatus = 'active' | 'cancellation-pending' | 'cancelled';

/** What `Purchased` established about a purchase, with when it happened. */
export interface PurchaseFacts {
  readonly partnerId: string;
  readonly customer: Customer;
  readonly orderId: string;
  readonly subscriptionId: string;
  readonly product: Product;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly paid: Money;
  readonly cancellationPolicy: CancellationPolicy;
  readonly purchasedAt: string;
}

/** A product key issued for one variant, sealed. */
export interface IssuedKey {
  readonly variant: Variant;
  readonly sealedKey: SealedKey;
  readonly fingerprint: string;
  readonly issuedAt: string;
  readonly revoked: boolean;
}

/** The cancellation ticket waiting for support. */
export interface OpenTicket {
  readonly ticketId: string;
  readonly requestedAt: string;
  readonly requestedAmount: Money;
}

/** The decider's state of one purchase stream. */
export interface PurchaseState {
  /** `null` until `Purchased`. */
  readonly purchase: PurchaseFacts | null;
  readonly status: PurchaseStatus;
  /** Issued keys by {@link variantKey}. */
  readonly keys: Readonly<Record<string, IssuedKey>>;
  readonly openTicket: OpenTicket | null;
  readonly completedTicketId: string | null;
  /** How many events the stream holds: its version. */
  readonly version: number;
}

/** The state of a stream with no events. */
export const initialState: PurchaseState = {
  purchase: null,
  status: 'active',
  keys: {},
  openTicket: null,
  completedTicketId: null,
  version: 0,
};
