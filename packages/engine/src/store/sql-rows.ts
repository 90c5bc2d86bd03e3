import { parseStoredJson } from './append-checks.js';
import { storedJsonOf, type StoredJson } from './hashing.js';
import type { EventRecord, StoredEvent } from './records.js';
import { TextedRecord } from './texted-record.js';

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

/** An event read back from an SQL store: its row's JSON text parsed once and kept for `verify`. */
class RowEvent extends TextedRecord implements StoredEvent {
  readonly position: number;

  constructor(position: string | number, eventId: string, streamId: string, version: number, type: string, data: string, meta: string, prevHash: string, hash: string) {
    super(eventId, streamId, version, type, parseStoredJson(data), parseStoredJson(meta), prevHash, hash, data, meta);
    this.position = Number(position);
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
