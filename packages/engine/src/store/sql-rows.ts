import { parseStoredJson } from './append-checks.js';
import { STORED_JSON, storedJsonOf, type StoredJson } from './hashing.js';
import type { EventRecord } from './records.js';
import type { StoredEvent } from './records.js';

/**
 * One row of an SQL store's `events` table, as its driver returns it: the columns every SQL
 * store of csp-onprem keeps (the position may arrive as text from a bigint column).
 */
export interface EventRow {
  readonly position: string | number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly data: string;
  readonly meta: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/**
 * The same row as an array of its values in the order of {@link EVENT_COLUMNS}: what a
 * driver returns in its raw or array row mode, which skips building an object per row.
 */
export type EventValues = readonly [
  position: string | number,
  eventId: string,
  streamId: string,
  version: number,
  type: string,
  data: string,
  meta: string,
  prevHash: string,
  hash: string,
];

/** The columns of an event row, in the order of {@link EventValues}. */
export const EVENT_COLUMNS = 'position, event_id, stream_id, version, type, data, meta, prev_hash, hash';

function isEventValues(row: EventRow | EventValues): row is EventValues {
  return Array.isArray(row);
}

/** Turns a row, named or raw, back into the record that was appended, with its position. */
export function eventFromRow(row: EventRow | EventValues): StoredEvent {
  return isEventValues(row)
    ? new RowEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8])
    : new RowEvent(row.position, row.event_id, row.stream_id, row.version, row.type, row.data, row.meta, row.prev_hash, row.hash);
}

/**
 * An event read back from an SQL store, keeping the JSON text of its row in private fields.
 * The text is offered under {@link STORED_JSON} by a getter on the prototype, so equality,
 * spreading and serialisation see only the record, and a copy never carries stale text.
 * (A class: defining a hidden property on each plain object cost about as much as parsing it.)
 */
class RowEvent implements StoredEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly meta: unknown;
  readonly prevHash: string;
  readonly hash: string;
  readonly position: number;
  readonly #data: string;
  readonly #meta: string;

  constructor(position: string | number, eventId: string, streamId: string, version: number, type: string, data: string, meta: string, prevHash: string, hash: string) {
    this.eventId = eventId;
    this.streamId = streamId;
    this.version = version;
    this.type = type;
    this.data = parseStoredJson(data);
    this.meta = parseStoredJson(meta);
    this.prevHash = prevHash;
    this.hash = hash;
    this.position = Number(position);
    this.#data = data;
    this.#meta = meta;
  }

  get [STORED_JSON](): StoredJson {
    return { data: this.#data, meta: this.#meta };
  }
}

/** Serialises a JSON value for a TEXT column; throws on a value JSON cannot hold. */
export function jsonText(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} is not a JSON value`);
  return text;
}

/**
 * The JSON text of a record's data and metadata for TEXT columns: the text the record carries
 * when the engine built it (serialised once, already hashed), else serialised here. Throws on
 * a value JSON cannot hold.
 */
export function recordTexts(record: EventRecord): StoredJson {
  return storedJsonOf(record) ?? { data: jsonText(record.data, `event ${record.eventId}: data`), meta: jsonText(record.meta, `event ${record.eventId}: meta`) };
}
