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
