import { canonicalJson, textHash } from './hashing.js';
import type { EventRecord } from './records.js';
import { TextedRecord } from './texted-record.js';

/**
 * Builds a record with its hash, serialising its data once: the record keeps the canonical text
 * of its data and metadata, which its hash covers and every store writes as is. `metaText` is
 * the canonical JSON of `fields.meta` when the caller already has it (the events of one command
 * share their metadata). Data and metadata must not change afterwards.
 */
export function canonicalRecord(fields: Omit<EventRecord, 'hash'>, metaText: string = canonicalJson(fields.meta)): EventRecord {
  const { eventId, streamId, version, type, data, meta, prevHash } = fields;
  const dataText = canonicalJson(data);
  const hash = textHash(fields, { data: dataText, meta: metaText });
  return new TextedRecord(eventId, streamId, version, type, data, meta, prevHash, hash, dataText, metaText);
}
