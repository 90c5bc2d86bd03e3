import * as t from 'io-ts';
import { NonNegativeInteger, PositiveInteger } from '@csp-onprem/domain';
import { canonicalJson } from '@csp-onprem/engine';
import { leafHash } from '../merkle/hash-functions.js';

/** A record's hash as the engine writes it: SHA-256 in lower-case hex. */
export const RecordHash = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'SHA-256 in lower-case hex');

/** A stream id: any non-empty string. */
export const StreamIdText = t.refinement(t.string, (s) => s.length > 0, 'non-empty stream id');

/** What one leaf of the log's tree binds: one event's place in the global order and in its stream, and its chained hash. */
export const LogLeaf = t.exact(
  t.type({
    position: PositiveInteger,
    streamId: StreamIdText,
    version: PositiveInteger,
    hash: RecordHash,
  }),
  'LogLeaf',
);
/** What one leaf of the log's tree binds. */
export type LogLeaf = t.TypeOf<typeof LogLeaf>;

/** A leaf index: the event's rank in the global order, from 0 (positions may have gaps, indexes never do). */
export const LeafIndex = NonNegativeInteger;

/**
 * The bytes of leaf i: the UTF-8 bytes of the canonical JSON (keys sorted, no spaces) of the
 * i-th event of the global order reduced to its position, stream id, version and hash:
 * `{"hash":"<64 hex>","position":<integer>,"streamId":"<JSON string>","version":<integer>}`.
 */
export function logLeafBytes(leaf: LogLeaf): Uint8Array {
  return new TextEncoder().encode(canonicalJson({ hash: leaf.hash, position: leaf.position, streamId: leaf.streamId, version: leaf.version }));
}

/** The tree's hash of a leaf of the log: SHA-256(0x00 || `logLeafBytes(leaf)`). */
export function logLeafHash(leaf: LogLeaf): Uint8Array {
  return leafHash(logLeafBytes(leaf));
}
