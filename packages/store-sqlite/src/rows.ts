import { recordTexts, type EventRecord, type EventRow } from '@csp-onprem/engine';

/** The values bound to the insert statement for one record: a row without its position. */
export type EventParams = Omit<EventRow, 'position'>;

/** Turns a record into insert parameters; throws on a value JSON cannot hold. */
export function toParams(record: EventRecord): EventParams {
  const texts = recordTexts(record);
  return {
    event_id: record.eventId,
    stream_id: record.streamId,
    version: record.version,
    type: record.type,
    data: texts.data,
    meta: texts.meta,
    prev_hash: record.prevHash,
    hash: record.hash,
  };
}
