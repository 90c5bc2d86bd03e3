import * as E from 'fp-ts/lib/Either.js';
import type { IdentityFailure } from './identity.js';

/** Longest token accepted, far above any real identity provider's. */
const MAX_TOKEN_LENGTH = 16_384;

/** The token of an `Authorization: Bearer <token>` header (RFC 6750), or why there is none. */
export function bearerTokenOf(authorization: string | undefined): E.Either<IdentityFailure, string> {
  if (authorization === undefined || authorization.trim() === '') return E.left({ kind: 'missing' });
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
  if (match === null) return E.left({ kind: 'refused', reason: 'the Authorization header is not "Bearer <token>"' });
  const token = match[1] as string;
  return token.length > MAX_TOKEN_LENGTH ? E.left({ kind: 'refused', reason: 'the bearer token is too long' }) : E.right(token);
}
