import { EMPTY_TREE_ROOT, HASH_BYTES, nodeHash } from './hash-functions.js';
import { PackedHashes } from './packed-hashes.js';
import { isPowerOfTwo, log2OfPowerOfTwo, splitPoint } from './tree-shape.js';

/**
 * An RFC 9162 Merkle tree over a list of leaf hashes, with every interior node computed once
 * and kept, so that proofs cost a few lookups instead of a new pass over the leaves.
 */
export interface MerkleTree {
  /** How many leaves the tree has. */
  readonly size: number;
  /** MTH(D[0:size]): the root hash (the empty-tree root for no leaves). */
  root(): Uint8Array;
  /** MTH(D[start:end]) for 0 <= start < end <= size: the root of the tree of those leaves alone. */
  subtreeRoot(start: number, end: number): Uint8Array;
}

/**
 * Builds the tree bottom-up: each level pairs neighbours (0,1), (2,3), ... and carries a last
 * node without a partner up unchanged, which gives exactly the shape of RFC 9162 §2.1.1
 * (split at the largest power of two smaller than n; see `splitPoint`). n - 1 node hashes in
 * all; the levels take about twice the leaves' 32 bytes each.
 */
export function merkleTree(leafHashes: PackedHashes | readonly Uint8Array[]): MerkleTree {
  const leaves = leafHashes instanceof PackedHashes ? leafHashes : PackedHashes.of(leafHashes);
  const size = leaves.length;
  // A view: later pushes to the list write past these bytes or into a new buffer, never into them.
  const levels: Uint8Array[] = [leaves.packed()];
  for (let count = size; count > 1; count = Math.ceil(count / 2)) {
    const below = levels[levels.length - 1] as Uint8Array;
    const above = new Uint8Array(Math.ceil(count / 2) * HASH_BYTES);
    for (let j = 0; 2 * j < count; j += 1) {
      const left = below.subarray(2 * j * HASH_BYTES, (2 * j + 1) * HASH_BYTES);
      if (2 * j + 1 < count) above.set(nodeHash(left, below.subarray((2 * j + 1) * HASH_BYTES, (2 * j + 2) * HASH_BYTES)), j * HASH_BYTES);
      else above.set(left, j * HASH_BYTES);
    }
    levels.push(above);
  }

  const nodeAt = (level: number, index: number): Uint8Array => {
    const bytes = levels[level] as Uint8Array;
    return bytes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  };

  const subtreeRoot = (start: number, end: number): Uint8Array => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > size || start >= end) {
      throw new RangeError(`subtreeRoot: [${start}, ${end}) is not a non-empty range of ${size} leaves`);
    }
    const width = end - start;
    // A perfect subtree aligned on its own size is a node the levels already hold.
    if (isPowerOfTwo(width) && start % width === 0) return nodeAt(log2OfPowerOfTwo(width), start / width);
    const k = splitPoint(width);
    return nodeHash(subtreeRoot(start, start + k), subtreeRoot(start + k, end));
  };

  return {
    size,
    root: () => (size === 0 ? EMPTY_TREE_ROOT : nodeAt(levels.length - 1, 0)),
    subtreeRoot,
  };
}
