import { createHash } from 'node:crypto';
import type { EventRecord } from './records.js';

/** The `prevHash` of every stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same value always gives the same bytes.
 * Throws on values JSON cannot represent exactly (a bug, never user input).
 */
export function canonicalJson(value: unknown): string {
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
  const body = canonicalJson({
    eventId: record.eventId,
    streamId: record.streamId,
    version: record.version,
    type: record.type,
    data: record.data,
    meta: record.meta,
  });
  return createHash('sha256').update(record.prevHash).update('\n').update(body).digest('hex');
}
