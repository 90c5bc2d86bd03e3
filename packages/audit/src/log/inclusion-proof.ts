import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { NonNegativeInteger } from '@csp-onprem/domain';
import type { AuditError } from '../audit-error.js';
import { Base64Hash } from './base64-hash.js';
import { decodeDocument } from './decode-document.js';
import { LogLeaf } from './log-leaf.js';

/** The format string of inclusion proofs. */
export const INCLUSION_PROOF_FORMAT = 'csp-onprem-inclusion-proof/1';

/**
 * A proof that one event is leaf `leafIndex` of the tree a head signed: the head's size and
 * root (so that a proof for another head or log is named as such), the leaf's fields and the
 * RFC 9162 audit path, deepest sibling first.
 */
export const InclusionProof = t.exact(
  t.type({
    format: t.literal(INCLUSION_PROOF_FORMAT),
    treeSize: NonNegativeInteger,
    root: Base64Hash,
    leafIndex: NonNegativeInteger,
    leaf: LogLeaf,
    path: t.readonlyArray(Base64Hash),
  }),
  'InclusionProof',
);
/** A proof that one event is in the log a head covers. */
export type InclusionProof = t.TypeOf<typeof InclusionProof>;

/** Decodes an inclusion proof read from a file; a Left names the wrong fields without quoting the file. */
export function decodeInclusionProof(input: unknown): E.Either<AuditError<'InvalidDocument'>, InclusionProof> {
  return decodeDocument(InclusionProof, input, `a ${INCLUSION_PROOF_FORMAT} proof`);
}
