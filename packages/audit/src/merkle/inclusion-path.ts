import * as E from 'fp-ts/lib/Either.js';
import type { MerkleTree } from './merkle-tree.js';
import { isTreeNumber, splitPoint } from './tree-shape.js';

/**
 * The audit path of leaf `leafIndex` in the tree of the first `treeSize` leaves (RFC 9162
 * §2.1.3.1, PATH(m, D[n])), deepest sibling first. A Left when the leaf is not in that tree.
 */
export function inclusionPath(tree: MerkleTree, leafIndex: number, treeSize: number = tree.size): E.Either<string, Uint8Array[]> {
  if (!isTreeNumber(treeSize) || treeSize > tree.size) return E.left(`a tree of ${treeSize} leaves cannot be taken from ${tree.size} leaves`);
  if (!isTreeNumber(leafIndex) || leafIndex >= treeSize) return E.left(`leaf ${leafIndex} is not among the ${treeSize} leaves of the tree`);
  const path: Uint8Array[] = [];
  // PATH(m, D[start:end]); the recursion is as deep as the tree is high.
  const walk = (m: number, start: number, end: number): void => {
    if (end - start === 1) return;
    const k = splitPoint(end - start);
    if (m < k) {
      walk(m, start, start + k);
      path.push(tree.subtreeRoot(start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(tree.subtreeRoot(start, start + k));
    }
  };
  walk(leafIndex, 0, treeSize);
  return E.right(path);
}
