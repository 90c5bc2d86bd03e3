import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { SealedKey } from '@csp-onprem/domain';
import { pooledRandomBytes } from './random-pool.js';

const TAG_BYTES = 16;
const IV_BYTES = 12;

/** A short, non-reversible fingerprint of a product key, safe to store and show. */
export function keyFingerprint(productKey: string): string {
  return `sha256:${createHash('sha256').update(productKey, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Seals a product key with AES-256-GCM; `context` is bound as associated data. */
export function sealProductKey(productKey: string, dataKey: Uint8Array, keyId: string, context: string): SealedKey {
  const iv = pooledRandomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
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

/**
 * Opens a sealed product key; throws if the data key or the context does not match, or the
 * sealed form is not whole: the IV must be 12 bytes and the tag the full 16 (GCM would
 * otherwise accept a tag cut to 4 or 8 bytes, which a forger can guess far more easily).
 */
export function unsealProductKey(sealed: SealedKey, dataKey: Uint8Array, context: string): string {
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (iv.length !== IV_BYTES) throw new Error(`a sealed key's IV is ${IV_BYTES} bytes, not ${iv.length}`);
  if (tag.length !== TAG_BYTES) throw new Error(`a sealed key's tag is ${TAG_BYTES} bytes, not ${tag.length}`);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}
