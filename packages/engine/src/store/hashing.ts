import { hash } from 'node:crypto';
import type { EventRecord } from './records.js';
import { canonicalBody } from './record-text.js';

/** The `prevHash` of every stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same value always gives the same bytes.
 * Throws on values JSON cannot represent exactly (a bug, never user input).
 */
export function canonicalJson(value: unknown): string {
  // Records the engine writes already have sorted keys (see `sortedKeys`), and every store
  // keeps key order, so the native serializer usually gives the canonical bytes directly.
  return isCanonicalShape(value) ? JSON.stringify(value) : slowCanonicalJson(value);
}

/** Whether `JSON.stringify` already writes `value` canonically: sorted keys, nothing to drop. */
function isCanonicalShape(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!isCanonicalShape(item)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      let previous: string | undefined;
      for (const key in value) {
        if (previous !== undefined && !(previous < key)) return false;
        if (!isCanonicalShape((value as Record<string, unknown>)[key])) return false;
        previous = key;
      }
      return true;
    }
    default:
      return false;
  }
}

/** A copy of a JSON value with the keys of every object in sorted order. */
export function sortedKeys<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(sortedKeys) as T;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) if (record[key] !== undefined) sorted[key] = sortedKeys(record[key]);
  return sorted as T;
}

function slowCanonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
        return `${out}]`;
      }
      // Hot in verify and replay: a plain loop over sorted keys, no intermediate arrays of pairs.
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const child = record[key];
        if (child === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(child)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

/** The hash a record must carry: SHA-256 over its `prevHash` and its canonical bytes. */
export function recordHash(record: Omit<EventRecord, 'hash'>): string {
  // Keys in sorted order, so the top level takes the fast path too.
  const body = canonicalJson({
    data: record.data,
    eventId: record.eventId,
    meta: record.meta,
    streamId: record.streamId,
    type: record.type,
    version: record.version,
  });
  return sha256Hex(`${record.prevHash}\n${body}`);
}

/** SHA-256 of a string's UTF-8 bytes, in hex: one call, no `Hash` object per record. */
function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * The key under which a record offers the JSON text of its data and metadata, invisible to
 * equality, spreading and serialisation: a getter on the prototype of a `TextedRecord` (rows
 * read back from SQL stores, records the engine built), or a non-enumerable property that
 * {@link withStoredJson} defines on any other object. Verify and the SQL stores use the text
 * as it is instead of serialising the parsed values again.
 */
export const STORED_JSON: unique symbol = Symbol('csp-onprem.storedJson');

/** The JSON text a store kept for an event's data and metadata. */
export interface StoredJson {
  readonly data: string;
  readonly meta: string;
}

/** Attaches the stored JSON text to an event read back from a store. */
export function withStoredJson<T extends object>(event: T, text: StoredJson): T {
  Object.defineProperty(event, STORED_JSON, { value: text, enumerable: false });
  return event;
}

/** The JSON text kept for a record's data and metadata under {@link STORED_JSON}, if any. */
export function storedJsonOf(record: object): StoredJson | undefined {
  try {
    return (record as { [STORED_JSON]?: StoredJson })[STORED_JSON];
  } catch {
    // A Proxy around a record that keeps its text in private fields cannot reach them: no text.
    return undefined;
  }
}

/** The hash of a record whose data and metadata are given as canonical JSON text: no serialising. */
export function textHash(record: Omit<EventRecord, 'hash'>, text: StoredJson): string {
  return sha256Hex(`${record.prevHash}\n${canonicalBody(record, text)}`);
}

/**
 * The record's hash computed over the JSON text its store kept, or `undefined` when the store
 * kept none. Equal to {@link recordHash} whenever that text is canonical, which it is for every
 * record the engine wrote; a caller that finds it different falls back to `recordHash`, so
 * text that is equivalent but not canonical still verifies and anything else still fails.
 */
export function storedTextHash(record: Omit<EventRecord, 'hash'>): string | undefined {
  const text = storedJsonOf(record);
  // The texts are hashed as stored and decoded from the same text: a text that no longer
  // parses fails decoding, and texts that parse cannot shift bytes between fields.
  return text === undefined ? undefined : textHash(record, text);
}
