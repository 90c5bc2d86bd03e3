import { hash } from 'node:crypto';

/** Bytes in every hash of the tree: SHA-256. */
export const HASH_BYTES = 32;

/** The root of the tree of no leaves (RFC 9162 §2.1.1): SHA-256 of the empty string. */
export const EMPTY_TREE_ROOT: Uint8Array = hash('sha256', new Uint8Array(0), 'buffer');

/** The hash of one leaf (RFC 9162 §2.1.1): SHA-256(0x00 || leaf bytes). */
export function leafHash(leaf: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + leaf.length);
  input[0] = 0x00;
  input.set(leaf, 1);
  return hash('sha256', input, 'buffer');
}

// One buffer for every interior node: hashing a million nodes should not allocate a million inputs.
const nodeInput = new Uint8Array(1 + 2 * HASH_BYTES);
nodeInput[0] = 0x01;

/**
 * The hash of an interior node (RFC 9162 §2.1.1): SHA-256(0x01 || left || right). Children of
 * any length are accepted, so that a verifier given a damaged proof computes a wrong root
 * instead of failing here; the tree itself only ever passes 32-byte hashes.
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === HASH_BYTES && right.length === HASH_BYTES) {
    nodeInput.set(left, 1);
    nodeInput.set(right, 1 + HASH_BYTES);
    return hash('sha256', nodeInput, 'buffer');
  }
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash('sha256', input, 'buffer');
}

/** Whether two hashes are the same bytes. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
