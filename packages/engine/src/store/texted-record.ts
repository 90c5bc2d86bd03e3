import { STORED_JSON, type StoredJson } from './hashing.js';
import type { EventRecord } from './records.js';

/**
 * A record that keeps the JSON text of its data and metadata in private fields, offered under
 * {@link STORED_JSON} by a getter on the prototype: equality, spreading and serialisation see
 * only the record, and a copy never carries stale text. (A class: defining a hidden property on
 * each plain object cost about as much as parsing it.) Records the engine builds and rows read
 * back from SQL stores are both texted records, so the text is serialised or parsed once.
 */
export class TextedRecord implements EventRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly meta: unknown;
  readonly prevHash: string;
  readonly hash: string;
  readonly #dataText: string;
  readonly #metaText: string;

  /** `dataText` and `metaText` must be JSON text of `data` and `meta`. (Positional: rows are built by the million.) */
  constructor(eventId: string, streamId: string, version: number, type: string, data: unknown, meta: unknown, prevHash: string, hash: string, dataText: string, metaText: string) {
    this.eventId = eventId;
    this.streamId = streamId;
    this.version = version;
    this.type = type;
    this.data = data;
    this.meta = meta;
    this.prevHash = prevHash;
    this.hash = hash;
    this.#dataText = dataText;
    this.#metaText = metaText;
  }

  get [STORED_JSON](): StoredJson {
    return { data: this.#dataText, meta: this.#metaText };
  }
}
