import { canonicalJson, STORED_JSON, textHash, type StoredJson } from './hashing.js';
import type { EventRecord } from './records.js';

/**
 * A record that keeps the canonical JSON text of its data and metadata, offered under
 * {@link STORED_JSON} by a getter on the prototype (so equality, spreading and serialisation see
 * only the record, and a copy carries no text). Its hash and every store's serialisation reuse
 * that one text instead of serialising the record again.
 */
class CanonicalRecord implements EventRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly meta: unknown;
  readonly prevHash: string;
  readonly hash: string;
  readonly #text: StoredJson;

  constructor(fields: Omit<EventRecord, 'hash'>, text: StoredJson) {
    this.eventId = fields.eventId;
    this.streamId = fields.streamId;
    this.version = fields.version;
    this.type = fields.type;
    this.data = fields.data;
    this.meta = fields.meta;
    this.prevHash = fields.prevHash;
    this.hash = textHash(fields, text);
    this.#text = text;
  }

  get [STORED_JSON](): StoredJson {
    return this.#text;
  }
}

/**
 * Builds a record with its hash, serialising its data once. `metaText` is the canonical JSON of
 * `fields.meta` when the caller already has it (the events of one command share their metadata).
 * Data and metadata must not change afterwards: the kept text would no longer match them.
 */
export function canonicalRecord(fields: Omit<EventRecord, 'hash'>, metaText: string = canonicalJson(fields.meta)): EventRecord {
  return new CanonicalRecord(fields, { data: canonicalJson(fields.data), meta: metaText });
}
