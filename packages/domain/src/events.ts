import * as t from 'io-ts';
import { Money } from './codecs/money.js';
import { CancellationPolicy, Customer, StoredProduct } from './codecs/product.js';
import { constrained } from './codecs/constrained.js';
import { IsoInstant, MAX_TEXT_LENGTH, Percent, PositiveInteger, StoredIdentifier as Identifier, StoredText as Text, TenantId } from './codecs/primitives.js';
import { SealedKey } from './codecs/sealed-key.js';
import { StoredVariant as Variant } from './codecs/variant.js';
import { CustomerReference, StoredContact as Contact } from './commands.js';

// Event data is read back from stores: its strings are checked for length only (see
// `storedTexts`), so that a log written before characters were checked still reads. What
// commands may carry, and so what new events hold, is checked when commands are decoded.

/** The issue type every cancellation ticket carries. */
export const CANCELLATION_ISSUE_TYPE = 'CSP purchase/refund on behalf of customer';

/** Data of `Purchased`: an order line placed and paid. */
export const PurchasedData = t.exact(
  t.type({
    partnerId: TenantId,
    customer: Customer,
    orderId: Identifier,
    subscriptionId: Identifier,
    product: StoredProduct,
    quantity: PositiveInteger,
    unitPrice: Money,
    paid: Money,
    cancellationPolicy: CancellationPolicy,
  }),
  'PurchasedData',
);

/** Data of `KeyIssued`: the first *Get keys* for a variant. */
export const KeyIssuedData = t.exact(
  t.type({ variant: Variant, sealedKey: SealedKey, fingerprint: Identifier }),
  'KeyIssuedData',
);

/** Who saw a key again. */
export const Viewer = t.exact(t.type({ userId: Identifier, tenantId: TenantId, role: Identifier }), 'Viewer');

/** Data of `KeyViewed`: a key shown again to a partner or a customer GlobalAdmin. */
export const KeyViewedData = t.exact(
  t.type({ variant: Variant, fingerprint: Identifier, viewer: Viewer }),
  'KeyViewedData',
);

/** Data of `Downloaded`: the bits of a variant were downloaded. */
export const DownloadedData = t.exact(t.type({ variant: Variant }), 'DownloadedData');

/**
 * Data of `LinkCopied`: a download link was copied for the customer. A link carries a bearer
 * token, so the log keeps only what an audit needs: the link's fingerprint (`sha256:` and 16
 * hex digits of its SHA-256), its host and its expiry; the link itself goes to whoever copied it.
 */
export const LinkCopiedData = t.exact(
  t.type({ variant: Variant, linkFingerprint: Identifier, linkHost: Identifier, expiresAt: IsoInstant }),
  'LinkCopiedData',
);

/** Data of `CancelRequested`: a cancellation ticket submitted inside the window. */
export const CancelRequestedData = t.intersection(
  [
    t.exact(
      t.type({
        ticketId: Identifier,
        issueType: t.literal(CANCELLATION_ISSUE_TYPE),
        customer: CustomerReference,
        refundReason: Text,
        requestedAmount: Money,
        impact: Text,
        title: Text,
        description: constrained(t.string, (s) => s.trim().length > 0 && s.length <= 5 * MAX_TEXT_LENGTH, 'ticket description'),
        contact: Contact,
        attachments: t.array(Identifier),
      }),
    ),
    t.exact(t.partial({ orderId: Identifier, subscriptionId: Identifier })),
  ],
  'CancelRequestedData',
);

/** Data of `CancelCompleted`: support completed the ticket and granted credit. */
export const CancelCompletedData = t.exact(
  t.type({ ticketId: Identifier, credit: Money, creditPercent: Percent }),
  'CancelCompletedData',
);

/** Data of `CancelRejected`: support rejected the ticket. */
export const CancelRejectedData = t.exact(t.type({ ticketId: Identifier, reason: Text }), 'CancelRejectedData');

/** Data of `KeyRevoked`: a key revoked because its purchase was cancelled. */
export const KeyRevokedData = t.exact(
  t.type({ variant: Variant, fingerprint: Identifier, ticketId: Identifier }),
  'KeyRevokedData',
);

/** Every event data codec, by event type. */
export const eventDataCodecs = {
  Purchased: PurchasedData,
  KeyIssued: KeyIssuedData,
  KeyViewed: KeyViewedData,
  Downloaded: DownloadedData,
  LinkCopied: LinkCopiedData,
  CancelRequested: CancelRequestedData,
  CancelCompleted: CancelCompletedData,
  CancelRejected: CancelRejectedData,
  KeyRevoked: KeyRevokedData,
} as const;

/** The `type` of a domain event. */
export type EventType = keyof typeof eventDataCodecs;

/** Every event type. */
export const eventTypes = Object.keys(eventDataCodecs) as EventType[];

/** A domain event: its type and its data, before the engine adds metadata. */
export type DomainEvent = {
  [K in EventType]: { type: K; data: t.TypeOf<(typeof eventDataCodecs)[K]> };
}[EventType];

/** The domain event of one type. */
export type EventOf<K extends EventType> = Extract<DomainEvent, { type: K }>;

/**
 * The schema version the current code writes for every event. History: 1, the first
 * release; 2, metadata records the `commandType` that wrote the event; 3, `LinkCopied` keeps
 * the link's fingerprint and host instead of the link (whose token let anyone with the log
 * download until it expired).
 */
export const CURRENT_SCHEMA_VERSION = 3;
