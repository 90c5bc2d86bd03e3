import * as E from 'fp-ts/lib/Either.js';
import { verifyInclusion } from '../merkle/verify-inclusion.js';
import { auditError, type AuditError } from '../audit-error.js';
import { fromBase64 } from './base64-hash.js';
import type { InclusionProof } from './inclusion-proof.js';
import { logLeafHash } from './log-leaf.js';
import { describeHead, type SignedTreeHead, type TreeHead } from './tree-head.js';

/** What a checked inclusion proof establishes. */
export interface InclusionVerdict {
  /** The event proven: its position, stream, version and hash. */
  readonly leaf: InclusionProof['leaf'];
  readonly leafIndex: number;
  /** The head it was proven against (check the head's signature with `verifySignedTreeHead`). */
  readonly head: TreeHead | SignedTreeHead;
}

/**
 * Checks an inclusion proof offline against a head: the proof must be for that head (same
 * size and root), and its audit path must lead from the leaf's hash to the root (RFC 9162
 * §2.1.3.2). Right with what it proves, or Left with the reason in words.
 */
export function checkInclusionProof(proof: InclusionProof, head: TreeHead | SignedTreeHead): E.Either<AuditError<'ProofRefused'>, InclusionVerdict> {
  if (proof.treeSize !== head.treeSize || proof.root !== head.root) {
    return E.left(
      auditError('ProofRefused', `the proof is for another head or another log: it proves against ${proof.treeSize} events with root ${proof.root.slice(0, 12)}..., ${describeHead(head)} has ${head.treeSize} events with root ${head.root.slice(0, 12)}...`),
    );
  }
  if (proof.leaf.position > head.position) {
    return E.left(auditError('ProofRefused', `the proof's event (position ${proof.leaf.position}) comes after the last event ${describeHead(head)} covers (position ${head.position})`));
  }
  const verdict = verifyInclusion({
    leafIndex: proof.leafIndex,
    treeSize: proof.treeSize,
    leafHash: logLeafHash(proof.leaf),
    path: proof.path.map(fromBase64),
    root: fromBase64(proof.root),
  });
  if (E.isLeft(verdict)) return E.left(auditError('ProofRefused', `the event at position ${proof.leaf.position} (stream ${proof.leaf.streamId}, version ${proof.leaf.version}) is not proven in ${describeHead(head)}: ${verdict.left}`));
  return E.right({ leaf: proof.leaf, leafIndex: proof.leafIndex, head });
}
