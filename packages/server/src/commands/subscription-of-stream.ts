import { PURCHASE_STREAM_PREFIX } from '@csp-onprem/engine';

const PARTNER_NAMESPACE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\//;

/**
 * The subscription id of a purchase stream: `csp-software-<partnerId>/<subscriptionId>`, or
 * `csp-software-<subscriptionId>` in logs written before streams were keyed by partner.
 */
export function subscriptionOfStream(streamId: string): string {
  const rest = streamId.startsWith(PURCHASE_STREAM_PREFIX) ? streamId.slice(PURCHASE_STREAM_PREFIX.length) : streamId;
  return rest.replace(PARTNER_NAMESPACE, '');
}
