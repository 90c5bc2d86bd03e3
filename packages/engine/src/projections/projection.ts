import type { EventType } from '@csp-onprem/domain';
import type { RecordedEvent } from '../recorded-event.js';

/** What a projection answers when restored: its saved documents are usable, or it must be rebuilt from the log. */
export type RestoreOutcome = 'restored' | 'rebuild';

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
  /**
   * Replaces all state with saved documents; an empty map starts from zero. Answers `'rebuild'`
   * when a saved document does not decode: the runner then forgets the saved state and folds
   * the log again, so that a read model never rests on a document it could not check.
   */
  restore(documents: ReadonlyMap<string, unknown>): void | RestoreOutcome;
  /**
   * Applies one event and returns the key of the document it changed, or `undefined`.
   * Must be idempotent: an event delivered again (at-least-once) changes nothing.
   */
  apply(event: RecordedEvent): string | undefined;
  /** The current document under a key, as a JSON value to save. */
  document(key: string): unknown;
}
