import { jsonText, type EventRecord, type EventRow } from '@csp-onprem/engine';

/** The values bound to the insert statement for one record: a row without its position. */
export type EventParams = Omit<EventRow, 'position'>;

/** Turns a record into insert parameters; throws on a value JSON cannot hold. */
export function toParams(record: EventRecord): EventParams {
  return {
    event_id: record.eventId,
    stream_id: record.streamId,
    version: record.version,
    type: record.type,
    data: jsonText(record.data, `event ${record.eventId}: data`),
    meta: jsonText(record.meta, `event ${record.eventId}: meta`),
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}
