import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { NonNegativeInteger } from '@csp-onprem/domain';
import { EMPTY_TREE_ROOT } from '../merkle/hash-functions.js';
import { auditError, type AuditError } from '../audit-error.js';
import { Base64Bytes, Base64Hash, toBase64 } from './base64-hash.js';
import { decodeDocument } from './decode-document.js';
import { StreamHead, areSortedAndUnique } from './stream-head.js';

/** The format string of every tree head this package writes and reads. */
export const TREE_HEAD_FORMAT = 'csp-onprem-tree-head/1';

const headFields = {
  format: t.literal(TREE_HEAD_FORMAT),
  /** How many events (leaves) the tree covers: the first treeSize events of the global order. */
  treeSize: NonNegativeInteger,
  /** The position of the last of them; 0 for an empty log. */
  position: NonNegativeInteger,
  /** The RFC 9162 root over their leaves, in base64. */
  root: Base64Hash,
  /** Every stream's head among them, sorted by stream id. */
  streams: t.readonlyArray(StreamHead),
};

const signatureFields = {
  /** When the head was signed: ISO 8601 in UTC with milliseconds, as `Date.toISOString` writes it. */
  timestamp: t.refinement(t.string, (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s) && new Date(s).toISOString() === s, 'ISO 8601 UTC time like 2026-12-07T10:00:00.000Z'),
  /** Lower-case hex SHA-256 of the signing public key's SubjectPublicKeyInfo (DER). */
  keyId: t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'key id: SHA-256 in lower-case hex'),
  /** The Ed25519 signature over the head's signed bytes, in base64. */
  signature: Base64Bytes,
};

const wellFormed = (head: { treeSize: number; position: number; root: string; streams: readonly StreamHead[] }): boolean =>
  areSortedAndUnique(head.streams) &&
  (head.treeSize === 0
    ? head.position === 0 && head.streams.length === 0 && head.root === toBase64(EMPTY_TREE_ROOT)
    : head.position > 0 && head.streams.length > 0 && head.streams.length <= head.treeSize && head.streams.every((s) => s.position <= head.position));

const WELL_FORMED = 'a head whose streams are sorted by id, once each, at or before its position (an empty log: no streams, position 0, the empty root)';

/** A tree head: what the first `treeSize` events of a log were, in a few hundred bytes plus one line per stream. */
export const TreeHead = t.refinement(t.exact(t.type(headFields), 'TreeHead'), wellFormed, WELL_FORMED);
/** A tree head: the size, last position, root and stream heads of a log at one point. */
export type TreeHead = t.TypeOf<typeof TreeHead>;

/** A tree head with the time it was signed, the signing key's id and the Ed25519 signature. */
export const SignedTreeHead = t.refinement(t.exact(t.type({ ...headFields, ...signatureFields }), 'SignedTreeHead'), wellFormed, WELL_FORMED);
/** A tree head signed with Ed25519. */
export type SignedTreeHead = t.TypeOf<typeof SignedTreeHead>;

const KeptShape = t.intersection([t.type(headFields, 'TreeHead'), t.partial(signatureFields, 'TreeHead signature')], 'TreeHead');
const KeptTreeHead = t.exact(KeptShape, 'TreeHead');
const allOrNone = (fields: readonly unknown[]): boolean => fields.every((f) => f === undefined) || fields.every((f) => f !== undefined);
const keptWellFormed = (head: t.TypeOf<typeof KeptTreeHead>): boolean => wellFormed(head) && allOrNone([head.timestamp, head.keyId, head.signature]);
/** Only names the failure of `keptWellFormed` in an error's context. */
const KeptWellFormed = new t.Type<unknown>(`${WELL_FORMED}; signed with all of timestamp, keyId and signature, or with none`, (_u): _u is unknown => true, t.success, t.identity);

/** A head as kept in a file: signed (all of timestamp, keyId and signature) or not (none of them). */
export const AnyTreeHead: t.Type<TreeHead | SignedTreeHead, unknown, unknown> = new t.Type<TreeHead | SignedTreeHead, unknown, unknown>(
  'TreeHead',
  (u): u is TreeHead | SignedTreeHead => KeptTreeHead.is(u) && keptWellFormed(u),
  (u, context) => {
    const last = context[context.length - 1];
    const as = (type: t.Decoder<unknown, unknown>): t.Context => (last === undefined ? context : [...context.slice(0, -1), { ...last, type }]);
    // With the intersection last in the context, error paths leave out its member indexes.
    const shape = KeptTreeHead.validate(u, as(KeptShape));
    if (shape._tag === 'Left') return shape;
    // keptWellFormed lets through exactly the two shapes the union names.
    return keptWellFormed(shape.right) ? t.success(shape.right as TreeHead | SignedTreeHead) : t.failure(u, as(KeptWellFormed));
  },
  t.identity,
);

/** Whether a head carries a signature. */
export function isSignedTreeHead(head: TreeHead | SignedTreeHead): head is SignedTreeHead {
  return 'signature' in head && typeof head.signature === 'string';
}

/** Decodes a head read from a file, signed or not; a Left names the wrong fields without quoting the file. */
export function decodeTreeHead(input: unknown): E.Either<AuditError<'InvalidDocument'>, TreeHead | SignedTreeHead> {
  return decodeDocument(AnyTreeHead, input, `a ${TREE_HEAD_FORMAT} tree head`);
}

/** Decodes a head that must be signed; an unsigned one is refused as such. */
export function decodeSignedTreeHead(input: unknown): E.Either<AuditError<'InvalidDocument'>, SignedTreeHead> {
  const head = decodeTreeHead(input);
  if (E.isLeft(head)) return head;
  return isSignedTreeHead(head.right) ? E.right(head.right) : E.left(auditError('InvalidDocument', `not a signed ${TREE_HEAD_FORMAT} tree head: it has no timestamp, keyId or signature`));
}

/** How a head is named in a verdict: by the time it was signed, else by its position. */
export function describeHead(head: TreeHead | SignedTreeHead): string {
  return isSignedTreeHead(head) ? `the head of ${head.timestamp}` : `the head at position ${head.position}`;
}
