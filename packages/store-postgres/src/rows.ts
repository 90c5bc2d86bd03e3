import { recordTexts, type EventRecord } from '@csp-onprem/engine';

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
    const texts = recordTexts(record);
    columns.data.push(texts.data);
    columns.meta.push(texts.meta);
    columns.prevHashes.push(record.prevHash);
    columns.hashes.push(record.hash);
  }
  return columns;
}
