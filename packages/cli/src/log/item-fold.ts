import { applyToSoftwareItem, newSoftwareItem, type SoftwareItem } from '@csp-onprem/domain';
import type { RecordedEvent } from '@csp-onprem/engine';

/**
 * Folds events into one software-list item per purchase stream, as the engine's as-of queries
 * do (`foldSoftwareItem` over the events kept): a stream starts at its `Purchased` event; the
 * caller decides which events to keep.
 */
export function foldItem(items: Map<string, SoftwareItem>, event: RecordedEvent): void {
  const item = items.get(event.streamId);
  if (item !== undefined) applyToSoftwareItem(item, event);
  else if (event.type === 'Purchased') items.set(event.streamId, newSoftwareItem(event, event.meta.occurredAt));
}

/** Items in the order the software list shows them: oldest purchase first. */
export function byPurchase(a: SoftwareItem, b: SoftwareItem): number {
  return a.purchasedAt.localeCompare(b.purchasedAt) || a.subscriptionId.localeCompare(b.subscriptionId);
}
