import { errors } from 'jose';
import type { IdentityFailure } from './identity.js';

/**
 * Why a token was refused, in words that name the check and never quote the token: or, when the
 * issuer's keys could not be fetched, a failure the caller may retry (503, not 401).
 */
export function tokenRefusal(cause: unknown): IdentityFailure {
  if (cause instanceof errors.JWKSTimeout || cause instanceof errors.JWKSInvalid || !(cause instanceof errors.JOSEError) || cause.code === 'ERR_JOSE_GENERIC') {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 300) : typeof cause;
    return { kind: 'unavailable', reason: 'the signing keys of the token issuer could not be fetched', detail };
  }
  if (cause instanceof errors.JWTExpired) return { kind: 'refused', reason: 'the token has expired' };
  if (cause instanceof errors.JWTClaimValidationFailed) {
    const claim = /^[a-z_]{1,20}$/i.test(cause.claim) ? cause.claim : 'a';
    return { kind: 'refused', reason: cause.reason === 'missing' ? `the token has no ${claim} claim` : `the token's ${claim} claim is not accepted` };
  }
  if (cause instanceof errors.JOSEAlgNotAllowed) return { kind: 'refused', reason: "the token's algorithm is not accepted: only asymmetric signatures are" };
  if (cause instanceof errors.JWSSignatureVerificationFailed) return { kind: 'refused', reason: "the token's signature does not verify" };
  if (cause instanceof errors.JWKSNoMatchingKey || cause instanceof errors.JWKSMultipleMatchingKeys) return { kind: 'refused', reason: 'no signing key of the issuer matches the token' };
  return { kind: 'refused', reason: 'the token is malformed or not signed as required' };
}
