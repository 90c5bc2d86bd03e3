import { parseStoredJson, type EventRecord, type StoredEvent } from '@csp-onprem/engine';

/** One row of the `events` table as better-sqlite3 returns it. */
export interface EventRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly data: string;
  readonly meta: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The values bound to the insert statement for one record. */
export interface EventParams {
  readonly event_id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly type: string;
  readonly data: string;
  readonly meta: string;
  readonly prev_hash: string;
  readonly hash: string;
}

function jsonText(value: unknown, field: string, eventId: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`event ${eventId}: ${field} is not a JSON value`);
  return text;
}

/** Turns a record into insert parameters; throws on a value JSON cannot hold. */
export function toParams(record: EventRecord): EventParams {
  return {
    event_id: record.eventId,
    stream_id: record.streamId,
    version: record.version,
    type: record.type,
    data: jsonText(record.data, 'data', record.eventId),
    meta: jsonText(record.meta, 'meta', record.eventId),
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}


/** Turns a row back into the record that was appended, with its position. */
export function fromRow(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    type: row.type,
    data: parseStoredJson(row.data),
    meta: parseStoredJson(row.meta),
    prevHash: row.prev_hash,
    hash: row.hash,
    position: row.position,
  };
}
