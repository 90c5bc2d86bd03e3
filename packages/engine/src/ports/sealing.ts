import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { SealedKey } from '@csp-onprem/domain';
import { pooledRandomBytes } from './random-pool.js';

/** A short, non-reversible fingerprint of a product key, safe to store and show. */
export function keyFingerprint(productKey: string): string {
  return `sha256:${createHash('sha256').update(productKey, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Seals a product key with AES-256-GCM; `context` is bound as associated data. */
export function sealProductKey(productKey: string, dataKey: Uint8Array, keyId: string, context: string): SealedKey {
  const iv = pooledRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(productKey, 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    keyId,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Opens a sealed product key; throws if the data key or the context does not match. */
export function unsealProductKey(sealed: SealedKey, dataKey: Uint8Array, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}
