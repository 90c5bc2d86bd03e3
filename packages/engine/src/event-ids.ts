import { createHash } from 'node:crypto';

/**
 * A UUID-shaped event id derived from the stream, the command and the event's index in it,
 * so that a retried command produces the same ids (stores such as KurrentDB deduplicate on them).
 */
export function deriveEventId(streamId: string, commandId: string, index: number): string {
  const hex = createHash('sha256').update(`${streamId}\u0000${commandId}\u0000${index}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
