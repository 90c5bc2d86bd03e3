import { subscriptionOfStream, type RecordedEvent } from '@csp-onprem/engine';

/** What names a purchase to an auditor: its subscription, order and customer. */
interface PurchaseName {
  readonly subscriptionId: string;
  readonly orderId: string;
  readonly domain: string;
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
