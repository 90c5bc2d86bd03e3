import { PURCHASE_STREAM_PREFIX, type RecordedEvent } from '@csp-onprem/engine';

/** What names a purchase to an auditor: its subscription, order and customer. */
interface PurchaseName {
  readonly subscriptionId: string;
  readonly orderId: string;
  readonly domain: string;
}

/**
 * The subscription id a purchase stream's id carries (`csp-software-<partner>/<subscription>`,
 * or `csp-software-<subscription>` in older logs); undefined for a stream of another kind.
 */
export function subscriptionOfStream(streamId: string): string | undefined {
  if (!streamId.startsWith(PURCHASE_STREAM_PREFIX)) return undefined;
  const rest = streamId.slice(PURCHASE_STREAM_PREFIX.length);
  const slash = rest.indexOf('/');
  const subscription = slash === -1 ? rest : rest.slice(slash + 1);
  return subscription === '' ? undefined : subscription;
}

/**
 * Names purchases in verdicts as an auditor knows them ("SUB-A2 (order ORD-A, contoso.example)")
 * rather than by stream id: learnt from each `Purchased` event read, and for a purchase whose
 * events are gone, from its stream id alone.
 */
export class PurchaseNames {
  private readonly names = new Map<string, PurchaseName>();

  /** Learns a purchase's name from its `Purchased` event; other events are ignored. */
  learn(event: RecordedEvent): void {
    if (event.type !== 'Purchased' || this.names.has(event.streamId)) return;
    this.names.set(event.streamId, { subscriptionId: event.data.subscriptionId, orderId: event.data.orderId, domain: event.data.customer.domain });
  }

  /** The purchase a stream holds, in words. */
  of(streamId: string): string {
    const known = this.names.get(streamId);
    if (known !== undefined) return `${known.subscriptionId} (order ${known.orderId}, ${known.domain})`;
    const subscription = subscriptionOfStream(streamId);
    return subscription === undefined ? `stream ${streamId}` : subscription;
  }
}
