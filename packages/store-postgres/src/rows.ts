import { jsonText, type EventRecord } from '@csp-onprem/engine';

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
