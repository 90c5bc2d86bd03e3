import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, StoreUnavailableError } from '@csp-onprem/engine';
import { inclusionPath } from '../merkle/inclusion-path.js';
import { merkleTree } from '../merkle/merkle-tree.js';
import { auditError, type AuditError } from '../audit-error.js';
import { toBase64 } from './base64-hash.js';
import { INCLUSION_PROOF_FORMAT, type InclusionProof } from './inclusion-proof.js';
import type { LogLeaf } from './log-leaf.js';
import { logMatchesHead } from './log-matches-head.js';
import { readFirstLeaves } from './read-first-leaves.js';
import { describeHead, type SignedTreeHead, type TreeHead } from './tree-head.js';

/**
 * Proves that the event at `position` is in the log `head` covers: reads the head's events
 * once, checks that they still make the head's root, and answers the event's leaf index, its
 * fields and its audit path. A Left when the event is not among them or the log changed.
 */
export async function inclusionProofFor(
  store: EventStore,
  position: number,
  head: TreeHead | SignedTreeHead,
): Promise<E.Either<StoreUnavailableError | AuditError<'NotInLog' | 'LogDiffers'>, InclusionProof>> {
  if (position > head.position) {
    return E.left(auditError('NotInLog', `position ${position} is after the last event ${describeHead(head)} covers (position ${head.position}): prove it against a newer head`));
  }
  let found: { leafIndex: number; leaf: LogLeaf } | undefined;
  let lastPosition = 0;
  const hashes = await readFirstLeaves(store, head.treeSize, (event, leafIndex) => {
    if (event.position === position) found = { leafIndex, leaf: { position: event.position, streamId: event.streamId, version: event.version, hash: event.hash } };
    lastPosition = event.position;
  });
  if (E.isLeft(hashes)) return hashes;
  const tree = merkleTree(hashes.right);
  const matches = logMatchesHead(tree, head, lastPosition);
  if (E.isLeft(matches)) return matches;
  if (found === undefined) return E.left(auditError('NotInLog', `no event has position ${position} among the ${head.treeSize} events ${describeHead(head)} covers`));
  const path = inclusionPath(tree, found.leafIndex, head.treeSize);
  // The leaf was read among the first treeSize leaves, so the tree has it: a Left is a bug.
  if (E.isLeft(path)) throw new Error(`inclusionProofFor: ${path.left}`);
  return E.right({
    format: INCLUSION_PROOF_FORMAT,
    treeSize: head.treeSize,
    root: head.root,
    leafIndex: found.leafIndex,
    leaf: found.leaf,
    path: path.right.map(toBase64),
  });
}
