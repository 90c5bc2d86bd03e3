import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { toInvalidPaths } from '@csp-onprem/domain';
import { auditError, type AuditError } from '../audit-error.js';

/**
 * Decodes a document read from a file with `codec`. A Left names every wrong field and what
 * it should be, never what the file holds: a file handed over for an audit may hold anything,
 * secrets included, and an error message travels further than the file.
 */
export function decodeDocument<A>(codec: t.Decoder<unknown, A>, input: unknown, what: string): E.Either<AuditError<'InvalidDocument'>, A> {
  const decoded = codec.decode(input);
  if (E.isRight(decoded)) return decoded;
  const fields = toInvalidPaths(decoded.left)
    .slice(0, 8)
    .map((p) => `${p.path || '(the document)'} should be ${p.expected}`);
  return E.left(auditError('InvalidDocument', `not ${what}: ${fields.join('; ')}`));
}
