import { canonicalJson, storedJsonOf, textHash, type StoredJson } from './hashing.js';
import { composedRecordJson } from './record-text.js';
import type { EventRecord } from './records.js';
import { TextedRecord } from './texted-record.js';

/** A record the engine built: its kept text is the canonical JSON of its data and metadata. */
class CanonicalRecord extends TextedRecord {}

/**
 * Builds a record with its hash, serialising its data and metadata once: the record keeps their
 * canonical text, which its hash covers and which the SQL and in-memory stores write as it is.
 * `texts` gives that text when the caller already has it (the events of one command share their
 * metadata; the data text also feeds the event id); it must be `canonicalJson` of the value.
 * Data and metadata must not change afterwards.
 */
export function canonicalRecord(fields: Omit<EventRecord, 'hash'>, texts: Partial<StoredJson> = {}): EventRecord {
  const { eventId, streamId, version, type, data, meta, prevHash } = fields;
  const dataText = texts.data ?? canonicalJson(data);
  const metaText = texts.meta ?? canonicalJson(meta);
  const hash = textHash(fields, { data: dataText, meta: metaText });
  return new CanonicalRecord(eventId, streamId, version, type, data, meta, prevHash, hash, dataText, metaText);
}

/**
 * A whole record as JSON text, for a store that keeps records whole. A record the engine built
 * is composed from the text it carries instead of being serialised again; any other record
 * (one read back from a store keeps its row's text as found, which may not even parse) is
 * serialised with `JSON.stringify`.
 */
export function recordJson(record: EventRecord): string {
  // A Proxy around a CanonicalRecord passes `instanceof` but offers no text.
  const text = record instanceof CanonicalRecord ? storedJsonOf(record) : undefined;
  return text === undefined ? JSON.stringify(record) : composedRecordJson(record, text);
}
