import { createHash } from 'node:crypto';

/** The largest instant a 48-bit millisecond field holds (the year 10889). */
const MAX_MILLIS = 2 ** 48 - 1;

/**
 * A UUID (version 7 layout) for an event: the first 48 bits are the milliseconds of the instant
 * the event occurred, the other 74 come from a SHA-256 of the stream, the command and the
 * event's index in it. Later events get ids that sort after earlier ones, so a store's unique
 * index on event ids grows at one end instead of dirtying a random page per append; the same
 * command decided at the same instant gets the same ids, so a re-sent append is recognised
 * (stores such as KurrentDB deduplicate on them).
 */
export function deriveEventId(occurredAt: Date, streamId: string, commandId: string, index: number): string {
  const millis = Math.min(Math.max(Math.trunc(occurredAt.getTime()), 0), MAX_MILLIS) || 0;
  const time = millis.toString(16).padStart(12, '0');
  const hex = createHash('sha256').update(`${streamId}\u0000${commandId}\u0000${index}`).digest('hex');
  const variant = ((parseInt(hex[3] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(7, 19)}`;
}
