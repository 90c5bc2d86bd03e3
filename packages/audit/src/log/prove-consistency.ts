import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, StoreUnavailableError } from '@csp-onprem/engine';
import { consistencyPath } from '../merkle/consistency-path.js';
import { merkleTree } from '../merkle/merkle-tree.js';
import { auditError, type AuditError } from '../audit-error.js';
import { toBase64 } from './base64-hash.js';
import { CONSISTENCY_PROOF_FORMAT, type ConsistencyProof } from './consistency-proof.js';
import { logMatchesHead } from './log-matches-head.js';
import { readFirstLeaves } from './read-first-leaves.js';
import type { SignedTreeHead, TreeHead } from './tree-head.js';

/**
 * Proves that the log of `newer` only grew from that of `older`: reads the newer head's events
 * once, checks that they still make both heads' roots, and answers both heads with the RFC
 * 9162 consistency path between them. A Left when the heads are in the wrong order, the older
 * one is empty (nothing to prove), or the log no longer matches either head.
 */
export async function consistencyProofBetween(
  store: EventStore,
  older: TreeHead | SignedTreeHead,
  newer: TreeHead | SignedTreeHead,
): Promise<E.Either<StoreUnavailableError | AuditError<'ProofRefused' | 'LogDiffers'>, ConsistencyProof>> {
  if (older.treeSize > newer.treeSize) {
    return E.left(auditError('ProofRefused', `the older head covers ${older.treeSize} events, more than the newer one (${newer.treeSize}): give the heads in the order they were taken`));
  }
  if (older.treeSize === 0) return E.left(auditError('ProofRefused', 'the older head is of an empty log: every log extends it, so there is nothing to prove'));
  // The positions of the last leaf of each head, to check each head's position too.
  let olderLast = 0;
  let newerLast = 0;
  const hashes = await readFirstLeaves(store, newer.treeSize, (event, leafIndex) => {
    if (leafIndex === older.treeSize - 1) olderLast = event.position;
    newerLast = event.position;
  });
  if (E.isLeft(hashes)) return hashes;
  const tree = merkleTree(hashes.right);
  const newerMatches = logMatchesHead(tree, newer, newerLast);
  if (E.isLeft(newerMatches)) return newerMatches;
  const olderMatches = logMatchesHead(tree, older, olderLast);
  if (E.isLeft(olderMatches)) return olderMatches;
  const path = consistencyPath(tree, older.treeSize, newer.treeSize);
  // Both sizes were checked against the tree just built: a Left is a bug.
  if (E.isLeft(path)) throw new Error(`consistencyProofBetween: ${path.left}`);
  return E.right({ format: CONSISTENCY_PROOF_FORMAT, older, newer, path: path.right.map(toBase64) });
}
