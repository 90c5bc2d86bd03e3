import { parseStoredJson } from './append-checks.js';
import { withStoredJson } from './hashing.js';
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

/** Turns a row back into the record that was appended, with its position. */
export function eventFromRow(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    type: row.type,
    data: parseStoredJson(row.data),
    meta: parseStoredJson(row.meta),
    prevHash: row.prev_hash,
    hash: row.hash,
    position: Number(row.position),
  };
  return withStoredJson(event, { data: row.data, meta: row.meta });
}

/** Serialises a JSON value for a TEXT column; throws on a value JSON cannot hold. */
export function jsonText(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} is not a JSON value`);
  return text;
}
