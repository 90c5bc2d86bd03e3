/** An event as the engine hands it to a store: JSON data and metadata plus its hash chain link. */
export interface EventRecord {
  /** Unique id: time-ordered, derived from the command and the event, so that an append sent again carries the same id. */
  readonly eventId: string;
  readonly streamId: string;
  /** 1 for the first event of a stream, then +1 per event. */
  readonly version: number;
  readonly type: string;
  /** The event's data: a JSON value. */
  readonly data: unknown;
  /** The event's metadata (see `EventMeta`): a JSON value. */
  readonly meta: unknown;
  /** The `hash` of the previous event of the stream, or the genesis hash for version 1. */
  readonly prevHash: string;
  /** SHA-256 over `prevHash` and the canonical bytes of the record. */
  readonly hash: string;
}

/** An event as a store gives it back: the record and its position in the store's global order. */
export interface StoredEvent extends EventRecord {
  /** Position in the store's global order: a positive integer, increasing in commit order. */
  readonly position: number;
}
