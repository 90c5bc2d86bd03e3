import type { EventType } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';

/**
 * A read model made of JSON documents by key, folded from the global order. The runner
 * persists the documents an event changed together with the checkpoint, so a projection
 * can resume after a restart and rebuild from zero when asked.
 */
export interface Projection {
  readonly name: string;
  /**
   * The event types `apply` reads, as stored. The runner passes over events of other types
   * without decoding them (their positions still count as applied). Default: every type.
   * The filter sees the stored type, before upcasting: an upcaster must not rename a type.
   */
  readonly eventTypes?: ReadonlySet<EventType>;
  /** Replaces all state with saved documents; an empty map starts from zero. */
  restore(documents: ReadonlyMap<string, unknown>): void;
  /**
   * Applies one event and returns the key of the document it changed, or `undefined`.
   * Must be idempotent: an event delivered again (at-least-once) changes nothing.
   */
  apply(event: RecordedEvent): string | undefined;
  /** The current document under a key, as a JSON value to save. */
  document(key: string): unknown;
}
