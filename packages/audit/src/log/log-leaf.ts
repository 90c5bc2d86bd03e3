import { hash } from 'node:crypto';
import * as t from 'io-ts';
import { PositiveInteger } from '@csp-onprem/domain';
import { canonicalJson } from '@csp-onprem/engine';

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

/**
 * The canonical JSON text of a leaf (see `logLeafBytes`): `canonicalJson` of the four fields,
 * written out directly for the usual field types, since this runs once per event of the log.
 */
function leafJson(leaf: LogLeaf): string {
  const { hash, position, streamId, version } = leaf;
  if (typeof hash === 'string' && typeof streamId === 'string' && Number.isSafeInteger(position) && Number.isSafeInteger(version)) {
    return `{"hash":${JSON.stringify(hash)},"position":${position},"streamId":${JSON.stringify(streamId)},"version":${version}}`;
  }
  return canonicalJson({ hash, position, streamId, version });
}

const utf8 = new TextEncoder();

/**
 * The bytes of leaf i: the UTF-8 bytes of the canonical JSON (keys sorted, no spaces) of the
 * i-th event of the global order reduced to its position, stream id, version and hash:
 * `{"hash":"<64 hex>","position":<integer>,"streamId":"<JSON string>","version":<integer>}`.
 */
export function logLeafBytes(leaf: LogLeaf): Uint8Array {
  return utf8.encode(leafJson(leaf));
}

// The 0x00 prefix and the leaf's bytes, encoded in place: a million leaves, no million inputs.
let leafInput = new Uint8Array(512);

/** The tree's hash of a leaf of the log: SHA-256(0x00 || `logLeafBytes(leaf)`), the same as `leafHash(logLeafBytes(leaf))`. */
export function logLeafHash(leaf: LogLeaf): Uint8Array {
  const text = leafJson(leaf);
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  if (leafInput.length < 1 + 3 * text.length) leafInput = new Uint8Array(1 + 3 * text.length);
  leafInput[0] = 0x00;
  const { written } = utf8.encodeInto(text, leafInput.subarray(1));
  return hash('sha256', leafInput.subarray(0, 1 + written), 'buffer');
}
