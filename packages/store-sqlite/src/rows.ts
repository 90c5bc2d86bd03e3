import { jsonText, type EventRecord } from '@csp-onprem/engine';

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
