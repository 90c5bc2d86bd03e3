import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  CancellationPolicy,
  Customer,
  IsoInstant,
  Money,
  NonNegativeInteger,
  PositiveInteger,
  StoredIdentifier as Identifier,
  StoredProduct as Product,
  StoredText as Text,
  StoredVariant as Variant,
  TenantId,
  type SoftwareItem,
} from '@csp-onprem/domain';

const KeyViewDocument = t.exact(
  t.type({
    variant: Variant,
    fingerprint: Identifier,
    issuedAt: IsoInstant,
    revoked: t.boolean,
    revokedAt: t.union([IsoInstant, t.null]),
    views: NonNegativeInteger,
    dataKeyId: Identifier,
    shredded: t.boolean,
  }),
);

const CancellationViewDocument = t.exact(
  t.type({
    ticketId: Identifier,
    requestedAt: IsoInstant,
    requestedAmount: Money,
    refundReason: Text,
    outcome: t.keyof({ pending: null, completed: null, rejected: null }),
    decidedAt: t.union([IsoInstant, t.null]),
    credit: t.union([Money, t.null]),
    rejectionReason: t.union([Text, t.null]),
  }),
);

/**
 * A software-list item as the projection saves it, every field checked: a saved document is
 * data a database holds, not a fact of the log, so it is decoded like any other input before
 * the read model (and the authorization it drives) relies on it. Its text is checked as the
 * events it is folded from are (the stored codecs): an item of an older log, written before
 * commands refused control characters, must restore rather than force a rebuild at each start.
 */
export const SoftwareItemDocument = t.exact(
  t.type({
    subscriptionId: Identifier,
    orderId: Identifier,
    partnerId: TenantId,
    customer: Customer,
    product: Product,
    quantity: PositiveInteger,
    unitPrice: Money,
    paid: Money,
    purchasedAt: IsoInstant,
    status: t.keyof({ active: null, 'cancellation-pending': null, cancelled: null }),
    cancellationPolicy: CancellationPolicy,
    cancellableUntil: IsoInstant,
    keys: t.array(KeyViewDocument),
    downloads: NonNegativeInteger,
    linkCopies: NonNegativeInteger,
    downloadLinksOffered: t.boolean,
    cancellations: t.array(CancellationViewDocument),
    lastActivityAt: IsoInstant,
    version: PositiveInteger,
  }),
  'SoftwareItemDocument',
);

/** Decodes a saved software-list document; undefined when it is not a well-formed item. */
export function decodeSoftwareItemDocument(document: unknown): SoftwareItem | undefined {
  const decoded = SoftwareItemDocument.decode(document);
  if (E.isLeft(decoded)) return undefined;
  const item: SoftwareItem = decoded.right;
  return item;
}
