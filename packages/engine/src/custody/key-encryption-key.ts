import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { pooledRandomBytes } from '../ports/random-pool.js';
import { WrappedKeyRejectedError } from './custody-errors.js';

/**
 * A key-encryption key (KEK): wraps and unwraps the tenants' data keys, so that a store keeps
 * them only wrapped. The platform supplies it: {@link localKeyEncryptionKey} from a secret it
 * holds, or an adapter over its KMS (Azure Key Vault's wrapKey/unwrapKey, AWS KMS, ...).
 */
export interface KeyEncryptionKey {
  /** Names the KEK (never reveals it); stored beside every key it wraps. */
  readonly keyId: string;
  /** Wraps a raw data key; the result is what the store keeps. */
  wrap(dataKey: Uint8Array): Promise<Uint8Array>;
  /**
   * Opens what {@link wrap} made. Rejects with {@link WrappedKeyRejectedError} when the bytes
   * were not wrapped by this KEK or were changed; any other rejection reads as the KEK being
   * unreachable (a KMS outage), not as a wrong key.
   */
  unwrap(wrapped: Uint8Array): Promise<Uint8Array>;
}

/** Bytes in a KEK secret: 256 bits. */
export const KEY_ENCRYPTION_KEY_BYTES = 32;

const WRAP_FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const WRAPPED_BYTES = 1 + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Reads a KEK secret given as 32 bytes or as their standard base64 (surrounding whitespace,
 * such as a file's final newline, is ignored). Throws a `RangeError` that never quotes the
 * secret when it is anything else.
 */
export function keyEncryptionKeySecret(secret: Uint8Array | string): Uint8Array {
  if (typeof secret === 'string') {
    const text = secret.trim();
    if (!BASE64.test(text)) throw new RangeError(`a key-encryption key must be ${KEY_ENCRYPTION_KEY_BYTES} bytes in base64; this is not base64`);
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== KEY_ENCRYPTION_KEY_BYTES) {
      throw new RangeError(`a key-encryption key must be ${KEY_ENCRYPTION_KEY_BYTES} bytes in base64; this is ${bytes.length} bytes`);
    }
    return new Uint8Array(bytes);
  }
  if (!(secret instanceof Uint8Array)) throw new RangeError('a key-encryption key must be a Uint8Array or a base64 string');
  if (secret.length !== KEY_ENCRYPTION_KEY_BYTES) {
    throw new RangeError(`a key-encryption key must be ${KEY_ENCRYPTION_KEY_BYTES} bytes; this is ${secret.length} bytes`);
  }
  return Uint8Array.from(secret);
}

/** The id of a local KEK: a hash of the secret that names it without revealing it. */
function localKeyId(secret: Uint8Array): string {
  const digest = createHash('sha256').update('csp-onprem key-encryption key id\0').update(secret).digest('hex');
  return `local:${digest.slice(0, 24)}`;
}

/**
 * A KEK held by this process: AES-256-GCM with a fresh 96-bit IV per wrap and the full 128-bit
 * tag, over the 32-byte data key, with the KEK's id as associated data. The wrapped form is
 * `0x01 || iv (12) || ciphertext (32) || tag (16)`: 61 bytes. GCM (rather than AES key wrap,
 * RFC 3394/5649) because `node:crypto` offers it everywhere with a full-length tag check, and
 * a random IV per wrap is safe for the handful of wraps a KEK ever makes.
 */
export function localKeyEncryptionKey(secret: Uint8Array | string): KeyEncryptionKey {
  const key = keyEncryptionKeySecret(secret);
  const keyId = localKeyId(key);
  const aad = Buffer.from(keyId, 'utf8');
  return {
    keyId,
    async wrap(dataKey) {
      if (dataKey.length !== DATA_KEY_BYTES) throw new RangeError(`a data key is ${DATA_KEY_BYTES} bytes, not ${dataKey.length}`);
      const iv = pooledRandomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad);
      const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.of(WRAP_FORMAT), iv, sealed, cipher.getAuthTag()]));
    },
    async unwrap(wrapped) {
      if (wrapped.length !== WRAPPED_BYTES || wrapped[0] !== WRAP_FORMAT) {
        throw new WrappedKeyRejectedError(`a data key wrapped by ${keyId} is ${WRAPPED_BYTES} bytes starting with format ${WRAP_FORMAT}; these ${wrapped.length} bytes are not one`);
      }
      const bytes = Buffer.from(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength);
      const iv = bytes.subarray(1, 1 + IV_BYTES);
      const sealed = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + DATA_KEY_BYTES);
      const tag = bytes.subarray(1 + IV_BYTES + DATA_KEY_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      try {
        return new Uint8Array(Buffer.concat([decipher.update(sealed), decipher.final()]));
      } catch {
        throw new WrappedKeyRejectedError(`the wrapped data key does not open under ${keyId}: it was wrapped by another key, or changed`);
      }
    },
  };
}
