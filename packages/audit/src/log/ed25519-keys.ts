import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { auditError, type AuditError } from '../audit-error.js';

/** The id of a public key: lower-case hex SHA-256 of its SubjectPublicKeyInfo in DER (all 64 digits). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Reads an Ed25519 private key from PEM (PKCS #8); a Left says why not, without quoting the text. */
export function ed25519PrivateKey(pem: string): E.Either<AuditError<'UnusableKey'>, KeyObject> {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return E.left(auditError('UnusableKey', 'the signing key is not a PEM private key'));
  }
  return key.asymmetricKeyType === 'ed25519'
    ? E.right(key)
    : E.left(auditError('UnusableKey', `the signing key is an ${key.asymmetricKeyType ?? 'unknown'} key; tree heads are signed with Ed25519`));
}

/** Reads an Ed25519 public key from PEM (SPKI; a private key's public half is taken too); a Left says why not. */
export function ed25519PublicKey(pem: string): E.Either<AuditError<'UnusableKey'>, KeyObject> {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    return E.left(auditError('UnusableKey', 'the public key is not a PEM public key'));
  }
  return key.asymmetricKeyType === 'ed25519'
    ? E.right(key)
    : E.left(auditError('UnusableKey', `the public key is an ${key.asymmetricKeyType ?? 'unknown'} key; tree heads are signed with Ed25519`));
}
