import { applyToSoftwareItem, newSoftwareItem, type SoftwareItem } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';
import { SharedValues } from '../shared-values.js';
import type { Projection } from './projection.js';

function addTo(index: Map<string, string[]>, key: string, value: string): void {
  const values = index.get(key);
  if (values === undefined) index.set(key, [value]);
  else values.push(value);
}

/** The software list: one item per purchase (by stream id), indexed by customer. */
export class SoftwareListProjection implements Projection {
  readonly name = 'software-list';
  /** Items by stream id. */
  readonly items = new Map<string, SoftwareItem>();
  /** Stream ids by customer tenant, in purchase order. */
  readonly byCustomer = new Map<string, string[]>();
  /** Items are read models that nothing mutates in place, so they can share equal values. */
  private readonly sharedValues = new SharedValues();

  restore(documents: ReadonlyMap<string, unknown>): void {
    this.items.clear();
    this.byCustomer.clear();
    this.sharedValues.clear();
    const items = [...documents].map(([streamId, item]) => [streamId, item as SoftwareItem] as const);
    items.sort(([, a], [, b]) => a.purchasedAt.localeCompare(b.purchasedAt));
    for (const [streamId, item] of items) this.index(streamId, item);
  }

  apply(event: RecordedEvent): string | undefined {
    const item = this.items.get(event.streamId);
    if (item !== undefined) {
      if (event.version <= item.version) return undefined;
      applyToSoftwareItem(item, event);
      return event.streamId;
    }
    if (event.type !== 'Purchased' || event.version !== 1) return undefined;
    const created = newSoftwareItem(event, event.meta.occurredAt);
    created.product = this.sharedValues.shared(created.product);
    created.customer = this.sharedValues.shared(created.customer);
    created.cancellationPolicy = this.sharedValues.shared(created.cancellationPolicy);
    this.index(event.streamId, created);
    return event.streamId;
  }

  document(key: string): unknown {
    return this.items.get(key);
  }

  private index(streamId: string, item: SoftwareItem): void {
    this.items.set(streamId, item);
    addTo(this.byCustomer, item.customer.tenantId.toLowerCase(), streamId);
  }
}
