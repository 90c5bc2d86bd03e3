import * as E from 'fp-ts/lib/Either.js';
import { DerCursor } from './der-cursor.js';
import type { DerElement } from './der-reader.js';
import { DerTag } from './der-reader.js';
import { oidOf } from './der-values.js';

/** The algorithm OID of an AlgorithmIdentifier (SEQUENCE { algorithm OID, parameters ANY OPTIONAL }). */
export function algorithmOf(element: DerElement, what: string): E.Either<string, string> {
  const cursor = DerCursor.of(element, what);
  if (E.isLeft(cursor)) return cursor;
  const oid = cursor.right.take(DerTag.OID, 'algorithm');
  if (E.isLeft(oid)) return oid;
  const algorithm = oidOf(oid.right);
  if (E.isLeft(algorithm)) return E.left(`${what}: ${algorithm.left}`);
  // Parameters, when present, are NULL for the digests and RSA, absent for ECDSA: not needed here.
  cursor.right.maybe(DerTag.NULL);
  const end = cursor.right.end();
  return E.isLeft(end) ? end : algorithm;
}
