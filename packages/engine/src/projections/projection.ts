import type { RecordedEvent } from '../recorded-event.js';

/** A read model that folds the global order, one event at a time, in position order. */
export interface Projection {
  readonly name: string;
  apply(event: RecordedEvent): void;
}
