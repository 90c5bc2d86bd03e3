/** Every purchase stream's id starts with this. */
export const PURCHASE_STREAM_PREFIX = 'csp-software-';

/**
 * The stream of one purchase: `csp-software-<partnerId>/<subscriptionId>`, keyed by the selling
 * partner's tenant as well as the subscription id. A partner can therefore neither occupy a
 * subscription id before its real owner uses it, nor learn from `DuplicatePurchase` that
 * another partner holds one: each partner's purchases live in a namespace of their own.
 * (Logs written before this rule keep `csp-software-<subscriptionId>`; the purchase index finds
 * those streams by their `Purchased` event.)
 */
export function purchaseStreamId(partnerId: string, subscriptionId: string): string {
  return `${PURCHASE_STREAM_PREFIX}${partnerId.toLowerCase()}/${subscriptionId}`;
}

/** A partner's namespace at the start of a purchase stream id: a tenant GUID, lower-cased, and a slash. */
const PARTNER_NAMESPACE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\//;

/**
 * The subscription id a purchase stream's id carries: `csp-software-<partnerId>/<subscriptionId>`,
 * or `csp-software-<subscriptionId>` in logs written before streams were keyed by partner (a
 * subscription id may hold a slash itself, so only a partner GUID is taken off). Undefined for
 * a stream of another kind.
 */
export function subscriptionOfStream(streamId: string): string | undefined {
  if (!streamId.startsWith(PURCHASE_STREAM_PREFIX)) return undefined;
  const subscription = streamId.slice(PURCHASE_STREAM_PREFIX.length).replace(PARTNER_NAMESPACE, '');
  return subscription === '' ? undefined : subscription;
}
