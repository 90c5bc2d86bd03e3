import { applyToSoftwareItem, newSoftwareItem, type SoftwareItem } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';
import type { Projection } from './projection.js';

function addTo(index: Map<string, string[]>, key: string, value: string): void {
  const values = index.get(key);
  if (values === undefined) index.set(key, [value]);
  else values.push(value);
}

/** The live software list: one mutable item per purchase, indexed by customer and by order. */
export class SoftwareListProjection implements Projection {
  readonly name = 'software-list';
  /** Items by stream id. */
  readonly items = new Map<string, SoftwareItem>();
  /** Stream ids by customer tenant, in purchase order. */
  readonly byCustomer = new Map<string, string[]>();
  /** Subscription ids by order id. */
  readonly byOrder = new Map<string, string[]>();

  apply(event: RecordedEvent): void {
    const item = this.items.get(event.streamId);
    if (item !== undefined) {
      applyToSoftwareItem(item, event);
    } else if (event.type === 'Purchased') {
      this.items.set(event.streamId, newSoftwareItem(event, event.meta.occurredAt));
      addTo(this.byCustomer, event.data.customer.tenantId.toLowerCase(), event.streamId);
      addTo(this.byOrder, event.data.orderId, event.data.subscriptionId);
    }
  }
}
