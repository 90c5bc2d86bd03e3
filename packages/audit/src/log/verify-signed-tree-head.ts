import { verify } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { auditError, type AuditError } from '../audit-error.js';
import { fromBase64 } from './base64-hash.js';
import { ed25519PublicKey, keyIdOf } from './ed25519-keys.js';
import { signedHeadBytes } from './signed-bytes.js';
import type { SignedTreeHead } from './tree-head.js';

/** Bytes in an Ed25519 signature. */
const SIGNATURE_BYTES = 64;

const shortId = (keyId: string): string => `${keyId.slice(0, 16)}...`;

/**
 * Checks a signed tree head against the Ed25519 public key (PEM) the auditor trusts: the key
 * must be the one the head names, and the signature must cover exactly these fields. Right
 * with the head when it holds; otherwise Left with the reason in plain words.
 */
export function verifySignedTreeHead(signed: SignedTreeHead, publicKeyPem: string): E.Either<AuditError<'UnusableKey' | 'SignatureRefused'>, SignedTreeHead> {
  const key = ed25519PublicKey(publicKeyPem);
  if (E.isLeft(key)) return key;
  const keyId = keyIdOf(key.right);
  if (signed.keyId !== keyId) {
    return E.left(auditError('SignatureRefused', `the head was signed by another key (key id ${shortId(signed.keyId)}), not the one given (key id ${shortId(keyId)})`));
  }
  const signature = fromBase64(signed.signature);
  if (signature.length !== SIGNATURE_BYTES) {
    return E.left(auditError('SignatureRefused', `the signature is truncated or damaged: ${signature.length} bytes where an Ed25519 signature has ${SIGNATURE_BYTES}`));
  }
  const holds = verify(null, signedHeadBytes(signed, signed.timestamp), key.right, signature);
  return holds
    ? E.right(signed)
    : E.left(auditError('SignatureRefused', 'the signature does not match the head: its size, position, root, time or stream heads were changed after signing, or it was signed over other content'));
}
