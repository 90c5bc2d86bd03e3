import * as E from 'fp-ts/lib/Either.js';
import { EMPTY_TREE_ROOT } from '../merkle/hash-functions.js';
import type { MerkleTree } from '../merkle/merkle-tree.js';
import { auditError, type AuditError } from '../audit-error.js';
import { toBase64 } from './base64-hash.js';
import { describeHead, type SignedTreeHead, type TreeHead } from './tree-head.js';

/**
 * Whether the tree of the log's first `head.treeSize` leaves is the head's, and the last of them
 * is at the head's position (`lastPosition`: that leaf's position, 0 for none): a proof is
 * only made from a log that still is what the head says. A Left says how it differs.
 */
export function logMatchesHead(tree: MerkleTree, head: TreeHead | SignedTreeHead, lastPosition: number): E.Either<AuditError<'LogDiffers'>, void> {
  if (tree.size < head.treeSize) {
    return E.left(auditError('LogDiffers', `the log holds ${tree.size} events, but ${describeHead(head)} covers ${head.treeSize}: events were removed since, or the head is from another log`));
  }
  const root = head.treeSize === 0 ? EMPTY_TREE_ROOT : tree.subtreeRoot(0, head.treeSize);
  if (toBase64(root) !== head.root) {
    return E.left(
      auditError('LogDiffers', `the log's first ${head.treeSize} events no longer match ${describeHead(head)}: the log was changed since, or the head is from another log (check the log against the head to see what changed)`),
    );
  }
  if (lastPosition !== head.position) {
    return E.left(auditError('LogDiffers', `${describeHead(head)} names position ${head.position} as its last, but its last event is at position ${lastPosition}: the head was changed`));
  }
  return E.right(undefined);
}
