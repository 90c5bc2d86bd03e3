import * as E from 'fp-ts/lib/Either.js';
import { verifyConsistency } from '../merkle/verify-consistency.js';
import { auditError, type AuditError } from '../audit-error.js';
import { fromBase64 } from './base64-hash.js';
import type { ConsistencyProof } from './consistency-proof.js';
import type { StreamHead } from './stream-head.js';
import { describeHead, type SignedTreeHead, type TreeHead } from './tree-head.js';

/** What a checked consistency proof establishes. */
export interface ConsistencyVerdict {
  readonly older: TreeHead | SignedTreeHead;
  readonly newer: TreeHead | SignedTreeHead;
  /** Events appended between the two heads. */
  readonly appended: number;
}

/** The first stream of the older head that the newer head does not carry forward, in words. */
function streamGoneBack(older: readonly StreamHead[], newer: readonly StreamHead[]): string | undefined {
  const now = new Map(newer.map((s) => [s.streamId, s]));
  for (const then of older) {
    const later = now.get(then.streamId);
    if (later === undefined) return `stream ${then.streamId} vanished between the heads`;
    if (later.version < then.version) return `stream ${then.streamId} went back from version ${then.version} to ${later.version}`;
    if (later.version === then.version && (later.hash !== then.hash || later.position !== then.position)) {
      return `stream ${then.streamId} has a different event at version ${then.version} in the newer head`;
    }
  }
  return undefined;
}

/**
 * Checks a consistency proof offline, from its two heads alone: the RFC 9162 path must lead
 * from the older root to both roots (§2.1.4.2), the newer head must not end earlier (and must
 * end later when it covers more events: positions only grow), and every
 * stream of the older head must be there, at the same or a later version, in the newer one.
 * Right when the log only grew between them; otherwise Left with the reason in words. (Check
 * each head's signature with `verifySignedTreeHead`.)
 */
export function checkConsistencyProof(proof: ConsistencyProof): E.Either<AuditError<'ProofRefused'>, ConsistencyVerdict> {
  const { older, newer } = proof;
  const refuse = (why: string) => E.left(auditError('ProofRefused', `the log of ${describeHead(newer)} is not proven to extend that of ${describeHead(older)}: ${why}`));
  if (newer.position < older.position) return refuse(`the newer head ends at position ${newer.position}, before the older one (${older.position})`);
  if (newer.treeSize === older.treeSize && newer.position !== older.position) {
    return refuse(`the heads cover the same ${older.treeSize} events but name different last positions (${older.position} and ${newer.position})`);
  }
  if (newer.treeSize > older.treeSize && newer.position === older.position) {
    return refuse(`the newer head covers ${newer.treeSize - older.treeSize} more events but ends at the same position (${older.position})`);
  }
  const verdict = verifyConsistency({
    olderSize: older.treeSize,
    newerSize: newer.treeSize,
    olderRoot: fromBase64(older.root),
    newerRoot: fromBase64(newer.root),
    path: proof.path.map(fromBase64),
  });
  if (E.isLeft(verdict)) return refuse(verdict.left);
  const goneBack = streamGoneBack(older.streams, newer.streams);
  if (goneBack !== undefined) return refuse(goneBack);
  return E.right({ older, newer, appended: newer.treeSize - older.treeSize });
}
