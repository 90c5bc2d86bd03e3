import { createPublicKey, sign } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { AuditError } from '../audit-error.js';
import { ed25519PrivateKey, keyIdOf } from './ed25519-keys.js';
import { signedHeadBytes } from './signed-bytes.js';
import type { SignedTreeHead, TreeHead } from './tree-head.js';

/**
 * Signs a tree head with an Ed25519 private key (PEM) at the instant `now`: the head plus
 * `timestamp` (`now.toISOString()`), `keyId` (see `keyIdOf`) and `signature` (base64 Ed25519
 * over `signedHeadBytes`). A Left when the key is not an Ed25519 private key.
 */
export function signTreeHead(head: TreeHead, privateKeyPem: string, now: Date): E.Either<AuditError<'UnusableKey'>, SignedTreeHead> {
  const key = ed25519PrivateKey(privateKeyPem);
  if (E.isLeft(key)) return key;
  const timestamp = now.toISOString();
  const signature = sign(null, signedHeadBytes(head, timestamp), key.right).toString('base64');
  return E.right({
    format: head.format,
    treeSize: head.treeSize,
    position: head.position,
    root: head.root,
    streams: head.streams,
    timestamp,
    keyId: keyIdOf(createPublicKey(key.right)),
    signature,
  });
}
