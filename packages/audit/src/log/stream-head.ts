import * as t from 'io-ts';
import { PositiveInteger } from '@csp-onprem/domain';
import { RecordHash, StreamIdText } from './log-leaf.js';

/** One stream's last event at a tree head: its version, hash and position. */
export const StreamHead = t.exact(
  t.type({
    streamId: StreamIdText,
    version: PositiveInteger,
    hash: RecordHash,
    position: PositiveInteger,
  }),
  'StreamHead',
);
/** One stream's last event at a tree head. */
export type StreamHead = t.TypeOf<typeof StreamHead>;

/** Orders stream ids as JavaScript compares strings (UTF-16 code units; byte order for ASCII ids). */
export function byStreamId(a: { readonly streamId: string }, b: { readonly streamId: string }): number {
  return a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;
}

/** Whether stream heads are in `byStreamId` order with no stream twice, as a head keeps them. */
export function areSortedAndUnique(heads: readonly StreamHead[]): boolean {
  for (let i = 1; i < heads.length; i += 1) if (!((heads[i - 1] as StreamHead).streamId < (heads[i] as StreamHead).streamId)) return false;
  return true;
}
