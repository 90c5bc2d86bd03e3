import type { StoredJson } from './hashing.js';
import type { EventRecord } from './records.js';

/**
 * The bytes a record's hash covers after its `prevHash`, with its data and metadata given as
 * canonical JSON text: what `canonicalJson` writes for the record's hashed fields.
 */
export function canonicalBody(record: Omit<EventRecord, 'hash'>, text: StoredJson): string {
  return `{"data":${text.data},"eventId":${jsonOf(record.eventId)},"meta":${text.meta},"streamId":${jsonOf(record.streamId)},"type":${jsonOf(record.type)},"version":${jsonOf(record.version)}}`;
}

/** A whole record's JSON text composed from the canonical text of its data and metadata. */
export function composedRecordJson(record: EventRecord, text: StoredJson): string {
  return `${canonicalBody(record, text).slice(0, -1)},"prevHash":${jsonOf(record.prevHash)},"hash":${jsonOf(record.hash)}}`;
}

/** `JSON.stringify(value)`, skipping the call for a finite number or a string with nothing to escape. */
function jsonOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? `${value}` : JSON.stringify(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    // Quote, backslash, control characters and surrogates (a lone one is escaped).
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(value);
  }
  return `"${value}"`;
}
