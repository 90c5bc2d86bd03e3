import type { EventType } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';
import type { Projection } from './projection.js';

/** One purchase of an order and the partner that sold it. */
export interface OrderLine {
  readonly subscriptionId: string;
  readonly partnerId: string;
}

function isOrderLines(value: unknown): value is OrderLine[] {
  return (
    Array.isArray(value) &&
    value.every((line: unknown) => {
      const { subscriptionId, partnerId } = (line ?? {}) as Partial<Record<keyof OrderLine, unknown>>;
      return typeof subscriptionId === 'string' && typeof partnerId === 'string';
    })
  );
}

/**
 * The purchases of each order, by order id: what a cancellation given only an order id needs
 * to find its stream, and nothing more. It reads `Purchased` events alone, so keeping it
 * current costs a command process a fraction of what the whole software list would, in time
 * and in memory.
 */
export class OrderIndexProjection implements Projection {
  readonly name = 'order-index';
  readonly eventTypes: ReadonlySet<EventType> = new Set<EventType>(['Purchased']);
  private readonly orders = new Map<string, OrderLine[]>();

  restore(documents: ReadonlyMap<string, unknown>): void {
    this.orders.clear();
    // A document that is not a list of lines is left out: the order is resolved as unknown.
    for (const [orderId, lines] of documents) if (isOrderLines(lines)) this.orders.set(orderId, lines.map(({ subscriptionId, partnerId }) => ({ subscriptionId, partnerId })));
  }

  apply(event: RecordedEvent): string | undefined {
    if (event.type !== 'Purchased' || event.version !== 1) return undefined;
    const { orderId, subscriptionId, partnerId } = event.data;
    const lines = this.orders.get(orderId);
    if (lines === undefined) {
      this.orders.set(orderId, [{ subscriptionId, partnerId }]);
      return orderId;
    }
    if (lines.some((line) => line.subscriptionId === subscriptionId)) return undefined;
    lines.push({ subscriptionId, partnerId });
    return orderId;
  }

  document(key: string): unknown {
    return this.orders.get(key);
  }

  /** The subscription ids of an order's purchases that a partner sold, in purchase order. */
  soldBy(orderId: string, partnerId: string): string[] {
    return (this.orders.get(orderId) ?? []).filter((line) => line.partnerId === partnerId).map((line) => line.subscriptionId);
  }
}
