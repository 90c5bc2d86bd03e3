import { createHash } from 'node:crypto';
import type { EventRecord } from './records.js';

/** The `prevHash` of every stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same value always gives the same bytes.
 * Throws on values JSON cannot represent exactly (a bug, never user input).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
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
