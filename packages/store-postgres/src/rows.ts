import { parseStoredJson, type EventRecord, type StoredEvent } from '@csp-onprem/engine';

/** One row of the `events` table as node-postgres returns it (bigint as text, unless the application set a parser). */
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

/** The records of one append as column arrays, bound to the insert's `unnest` parameters. */
export interface EventColumns {
  readonly versions: number[];
  readonly eventIds: string[];
  readonly types: string[];
  readonly data: string[];
  readonly meta: string[];
  readonly prevHashes: string[];
  readonly hashes: string[];
}

/** Serialises a JSON value for a TEXT column; throws on a value JSON cannot hold. */
export function jsonText(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} is not a JSON value`);
  return text;
}

/** Turns records into insert columns; throws on data or metadata JSON cannot hold. */
export function toColumns(records: readonly EventRecord[]): EventColumns {
  const columns: EventColumns = { versions: [], eventIds: [], types: [], data: [], meta: [], prevHashes: [], hashes: [] };
  for (const record of records) {
    columns.versions.push(record.version);
    columns.eventIds.push(record.eventId);
    columns.types.push(record.type);
    columns.data.push(jsonText(record.data, `event ${record.eventId}: data`));
    columns.meta.push(jsonText(record.meta, `event ${record.eventId}: meta`));
    columns.prevHashes.push(record.prevHash);
    columns.hashes.push(record.hash);
  }
  return columns;
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
    position: Number(row.position),
  };
}
