import * as E from 'fp-ts/lib/Either.js';
import { HASH_BYTES, nodeHash, sameHash } from './hash-functions.js';
import { half, isOdd, isTreeNumber } from './tree-shape.js';

/** What an inclusion proof claims: the leaf with this hash is leaf `leafIndex` of the tree of `treeSize` leaves whose root is `root`. */
export interface InclusionClaim {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: Uint8Array;
  /** The audit path, deepest sibling first. */
  readonly path: readonly Uint8Array[];
  readonly root: Uint8Array;
}


/**
 * Checks an inclusion proof exactly as RFC 9162 §2.1.3.2 says, after refusing what the
 * algorithm is not defined for: an index outside the tree, hashes that are not 32 bytes.
 * Right(undefined) when the proof holds; otherwise Left with the reason in words.
 */
export function verifyInclusion(claim: InclusionClaim): E.Either<string, void> {
  const { leafIndex, treeSize, leafHash, path, root } = claim;
  if (!isTreeNumber(treeSize)) return E.left('the tree size is not a whole number from 0 to 2^53 - 1');
  if (!isTreeNumber(leafIndex)) return E.left('the leaf index is not a whole number from 0 to 2^53 - 1');
  // Step 1.
  if (leafIndex >= treeSize) return E.left(`leaf ${leafIndex} cannot be in a tree of ${treeSize} leaves`);
  if (leafHash.length !== HASH_BYTES) return E.left(`the leaf hash has ${leafHash.length} bytes, not ${HASH_BYTES}`);
  if (root.length !== HASH_BYTES) return E.left(`the root has ${root.length} bytes, not ${HASH_BYTES}`);
  const short = path.findIndex((p) => p.length !== HASH_BYTES);
  if (short >= 0) return E.left(`hash ${short + 1} of the path has ${(path[short] as Uint8Array).length} bytes, not ${HASH_BYTES}`);
  // Step 2.
  let fn = leafIndex;
  let sn = treeSize - 1;
  // Step 3.
  let r = leafHash;
  // Step 4.
  for (const p of path) {
    if (sn === 0) return E.left(`the path has more hashes than a tree of ${treeSize} leaves needs for leaf ${leafIndex}`);
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Until LSB(fn) is set or fn is 0 (a loop that does nothing when it is set already).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  if (sn !== 0) return E.left(`the path has fewer hashes than a tree of ${treeSize} leaves needs for leaf ${leafIndex}`);
  if (!sameHash(r, root)) return E.left('the path does not lead to the root: the leaf is not in this tree, or the proof was changed');
  return E.right(undefined);
}
