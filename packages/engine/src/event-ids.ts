import { hash } from 'node:crypto';

/** The largest instant a 48-bit millisecond field holds (the year 10889). */
const MAX_MILLIS = 2 ** 48 - 1;

/** A command's events past this index share the last value of the 12-bit index field. */
const MAX_INDEX_FIELD = 0xfff;

/**
 * A UUID (version 7 layout) for an event: the first 48 bits are the milliseconds of the instant
 * the event occurred, the next 12 its index within its command, the other 62 come from a SHA-256
 * of the stream, the command, the index and the event's content (its canonical data text).
 * Ids sort by the millisecond their events occurred in and, within one command, by index, so a
 * store's unique index on event ids grows at one end instead of dirtying a random page per
 * append. The same events sent again get the same ids, so a re-sent append is recognised
 * (stores such as KurrentDB deduplicate on them); the same command decided again with other
 * content (a key sealed afresh) gets other ids, so it can never be taken for the first.
 */
export function deriveEventId(streamId: string, commandId: string, index: number, occurredAt: Date, content = ''): string {
  const millis = Math.min(Math.max(Math.trunc(occurredAt.getTime()), 0), MAX_MILLIS) || 0;
  const time = millis.toString(16).padStart(12, '0');
  const order = Math.min(Math.max(Math.trunc(index), 0), MAX_INDEX_FIELD) || 0;
  const hex = hash('sha256', `${streamId}\u0000${commandId}\u0000${index}\u0000${content}`, 'hex');
  const variant = ((parseInt(hex[0] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${order.toString(16).padStart(3, '0')}-${variant}${hex.slice(1, 4)}-${hex.slice(4, 16)}`;
}

const V7_LAYOUT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The milliseconds a time-ordered (version 7 layout) event id carries, as `deriveEventId` writes them; undefined for ids of another layout. */
export function eventIdMillis(eventId: string): number | undefined {
  // Checked cheaply first: an audit runs this once per event of the log.
  if (eventId.length !== 36 || eventId[14] !== '7' || !V7_LAYOUT.test(eventId)) return undefined;
  return parseInt(eventId.slice(0, 8) + eventId.slice(9, 13), 16);
}
