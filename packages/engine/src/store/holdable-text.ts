import { unholdableFault } from '@csp-onprem/domain';
import type { StoredJson } from './hashing.js';
import { recordTexts } from './sql-rows.js';
import type { EventRecord } from './records.js';
import { valueRefused, type ValueRefusedError } from './store-errors.js';

/** A field of an append that no store could keep exactly, and what is in it. */
export interface UnholdableField {
  /** Where: `streamId`, or `events.<index>.<field>`. */
  readonly path: string;
  /** What was found there, described without quoting it. */
  readonly found: string;
}

/**
 * Whether every store can keep `text` exactly in a text column. A stream id that is not can
 * hold no event, so a store reads it as an empty stream instead of asking its database (which
 * would fail, or silently read a replacement character in its place).
 */
export function isHoldableText(text: string): boolean {
  return unholdableFault(text) === undefined;
}

/** The JSON text a store would write for the record, or `undefined` when it cannot be serialised (the store reports that itself). */
function textsOf(record: EventRecord): StoredJson | undefined {
  try {
    return recordTexts(record);
  } catch {
    return undefined;
  }
}

function fieldFault(path: string, value: string): UnholdableField | undefined {
  const fault = unholdableFault(value);
  return fault === undefined ? undefined : { path, found: `a string holding ${fault}` };
}

/**
 * The first field of an append that a store could not keep exactly, or `undefined`: a NUL or a
 * lone surrogate in the stream id, an event's id, type or hashes, or the JSON text of its data
 * or metadata. PostgreSQL refuses a NUL; SQLite and PostgreSQL write a lone surrogate as U+FFFD,
 * after which the record no longer hashes to what was chained. Linear in the records' text.
 */
export function unholdableField(streamId: string, records: readonly EventRecord[]): UnholdableField | undefined {
  const inStream = fieldFault('streamId', streamId);
  if (inStream !== undefined) return inStream;
  for (const [index, record] of records.entries()) {
    const texts = textsOf(record);
    const fields: readonly (readonly [string, string])[] = [
      ['eventId', record.eventId],
      ['streamId', record.streamId],
      ['type', record.type],
      ['prevHash', record.prevHash],
      ['hash', record.hash],
      ...(texts === undefined ? [] : ([['data', texts.data], ['meta', texts.meta]] as const)),
    ];
    for (const [field, value] of fields) {
      const fault = fieldFault(`events.${index}.${field}`, value);
      if (fault !== undefined) return fault;
    }
  }
  return undefined;
}

/** The refusal a store answers for an append holding a field no store could keep, or `undefined` when it holds none. */
export function unholdableAppend(store: string, streamId: string, records: readonly EventRecord[]): ValueRefusedError | undefined {
  const field = unholdableField(streamId, records);
  return field === undefined ? undefined : valueRefused(store, field.path, 'text without NUL or lone surrogates', field.found);
}
