import { createHash } from 'node:crypto';
import { canonicalJson } from '@csp-onprem/engine';
import type { StreamHead } from './stream-head.js';
import type { SignedTreeHead, TreeHead } from './tree-head.js';

/**
 * The digest of a head's stream heads that its signature covers: base64 SHA-256 of the UTF-8
 * bytes of the canonical JSON array of the heads in stream-id order, each
 * `{"hash":...,"position":...,"streamId":...,"version":...}`.
 */
export function streamsDigest(streams: readonly StreamHead[]): string {
  const heads = streams.map((s) => ({ hash: s.hash, position: s.position, streamId: s.streamId, version: s.version }));
  return createHash('sha256').update(canonicalJson(heads), 'utf8').digest('base64');
}

/**
 * The bytes an Ed25519 signature of a tree head covers: the UTF-8 bytes of the canonical JSON
 * `{"format":...,"position":...,"root":...,"streamsDigest":...,"timestamp":...,"treeSize":...}`
 * (keys sorted, no spaces), `streamsDigest` as `streamsDigest` computes it.
 */
export function signedHeadBytes(head: TreeHead, timestamp: string): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      format: head.format,
      position: head.position,
      root: head.root,
      streamsDigest: streamsDigest(head.streams),
      timestamp,
      treeSize: head.treeSize,
    }),
  );
}

/**
 * The bytes to have timestamped (RFC 3161) for a signed head: the UTF-8 bytes of the canonical
 * JSON of the signed bytes' fields plus `keyId` and `signature`, so that the token dates the
 * head, the key and the signature together.
 */
export function signedHeadStampBytes(head: SignedTreeHead): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      format: head.format,
      keyId: head.keyId,
      position: head.position,
      root: head.root,
      signature: head.signature,
      streamsDigest: streamsDigest(head.streams),
      timestamp: head.timestamp,
      treeSize: head.treeSize,
    }),
  );
}
