/** Every purchase stream's id starts with this. */
export const PURCHASE_STREAM_PREFIX = 'csp-software-';

/** The stream of one purchase: `csp-software-<subscriptionId>`. */
export function purchaseStreamId(subscriptionId: string): string {
  return `${PURCHASE_STREAM_PREFIX}${subscriptionId}`;
}
