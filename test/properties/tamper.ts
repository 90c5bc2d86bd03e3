import type { EventRecord } from '@csp-onprem/engine';

/** The fields of a record that the hash chain protects, plus the chain links themselves. */
export const RECORD_FIELDS = ['eventId', 'streamId', 'version', 'type', 'data', 'meta', 'prevHash', 'hash'] as const;
/** One of {@link RECORD_FIELDS}. */
export type RecordField = (typeof RECORD_FIELDS)[number];

/** Characters a tamper may write: printable ASCII and a few that JSON and UTF-8 treat specially. */
export const REPLACEMENTS = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\u0000', '\n', 'é', '€', '\u2028'];

/** The text with the character at `at` (modulo its length) replaced by a different one chosen by `pick`. */
export function flipChar(text: string, at: number, pick: number): { text: string; index: number } {
  const index = text.length === 0 ? 0 : at % text.length;
  const original = text[index];
  let replacement = REPLACEMENTS[pick % REPLACEMENTS.length] ?? 'x';
  if (replacement === original) replacement = REPLACEMENTS[(pick + 1) % REPLACEMENTS.length] ?? 'y';
  return { text: `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`, index };
}

/**
 * The record with one character of one field's JSON text changed. The changed text is parsed
 * back when it still parses; otherwise the field holds the raw text, as a store reading an
 * edited row would hand it on.
 */
export function tamperField(record: EventRecord, field: RecordField, at: number, pick: number): EventRecord {
  const json = JSON.stringify(record[field]);
  const flipped = flipChar(json, at, pick).text;
  let value: unknown;
  try {
    value = JSON.parse(flipped);
  } catch {
    value = flipped;
  }
  return { ...record, [field]: value };
}

/** The records without the one at `index`. */
export function without(records: readonly EventRecord[], from: number, count = 1): EventRecord[] {
  return [...records.slice(0, from), ...records.slice(from + count)];
}
