import * as E from 'fp-ts/lib/Either.js';
import type { MerkleTree } from './merkle-tree.js';
import { isTreeNumber, splitPoint } from './tree-shape.js';

/**
 * The consistency proof between the tree of the first `olderSize` leaves and that of the first
 * `newerSize` (RFC 9162 §2.1.4.1, PROOF(m, D[n]) = SUBPROOF(m, D[n], true)): empty for equal
 * sizes; a Left for an older size of 0 (every tree extends the empty one, nothing to prove) or
 * sizes the tree does not have.
 */
export function consistencyPath(tree: MerkleTree, olderSize: number, newerSize: number = tree.size): E.Either<string, Uint8Array[]> {
  if (!isTreeNumber(newerSize) || newerSize > tree.size) return E.left(`a tree of ${newerSize} leaves cannot be taken from ${tree.size} leaves`);
  if (!isTreeNumber(olderSize) || olderSize > newerSize) return E.left(`the older tree (${olderSize} leaves) is not a prefix of one of ${newerSize} leaves`);
  if (olderSize === 0) return E.left('the older tree is empty: every tree extends it, so there is nothing to prove');
  const path: Uint8Array[] = [];
  // SUBPROOF(m, D[start:end], b): b says whether D[start:end] is the older tree itself (whose
  // root the verifier already has) rather than a subtree of the newer one.
  const walk = (m: number, start: number, end: number, isOlderTree: boolean): void => {
    if (m === end - start) {
      if (!isOlderTree) path.push(tree.subtreeRoot(start, end));
      return;
    }
    const k = splitPoint(end - start);
    if (m <= k) {
      walk(m, start, start + k, isOlderTree);
      path.push(tree.subtreeRoot(start + k, end));
    } else {
      walk(m - k, start + k, end, false);
      path.push(tree.subtreeRoot(start, start + k));
    }
  };
  walk(olderSize, 0, newerSize, true);
  return E.right(path);
}
