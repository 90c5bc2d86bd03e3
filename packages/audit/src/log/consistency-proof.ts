import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { AuditError } from '../audit-error.js';
import { Base64Hash } from './base64-hash.js';
import { decodeDocument } from './decode-document.js';
import { AnyTreeHead } from './tree-head.js';

/** The format string of consistency proofs. */
export const CONSISTENCY_PROOF_FORMAT = 'csp-onprem-consistency-proof/1';

/**
 * A proof that the log of a newer head only grew from that of an older head: both heads
 * (signed or not) and the RFC 9162 consistency path between their trees.
 */
export const ConsistencyProof = t.exact(
  t.type({
    format: t.literal(CONSISTENCY_PROOF_FORMAT),
    older: AnyTreeHead,
    newer: AnyTreeHead,
    path: t.readonlyArray(Base64Hash),
  }),
  'ConsistencyProof',
);
/** A proof that a log only grew between two heads. */
export type ConsistencyProof = t.TypeOf<typeof ConsistencyProof>;

/** Decodes a consistency proof read from a file, both heads included; a Left names the wrong fields without quoting the file. */
export function decodeConsistencyProof(input: unknown): E.Either<AuditError<'InvalidDocument'>, ConsistencyProof> {
  return decodeDocument(ConsistencyProof, input, `a ${CONSISTENCY_PROOF_FORMAT} proof`);
}
