import * as t from 'io-ts';
import { HASH_BYTES } from '../merkle/hash-functions.js';

/** Standard base64 (RFC 4648 §4, with padding), as every hash and signature in these files is written. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Whether a string is canonical standard base64: the alphabet, the padding, and nothing Node's lenient decoder would skip. */
export function isCanonicalBase64(text: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) && Buffer.from(text, 'base64').toString('base64') === text;
}

/** The bytes of a canonical base64 string (callers check it with `isCanonicalBase64` or a codec first). */
export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** A SHA-256 hash written in canonical base64 (44 characters). */
export const Base64Hash = new t.Type<string, string, unknown>(
  'SHA-256 hash in base64',
  (u): u is string => typeof u === 'string' && u.length === 44 && isCanonicalBase64(u) && fromBase64(u).length === HASH_BYTES,
  (u, context) => (typeof u === 'string' && u.length === 44 && isCanonicalBase64(u) && fromBase64(u).length === HASH_BYTES ? t.success(u) : t.failure(u, context)),
  t.identity,
);

/** Any bytes written in canonical base64 (a signature, whose length is checked where it is used). */
export const Base64Bytes = new t.Type<string, string, unknown>(
  'bytes in base64',
  (u): u is string => typeof u === 'string' && isCanonicalBase64(u),
  (u, context) => (typeof u === 'string' && isCanonicalBase64(u) ? t.success(u) : t.failure(u, context)),
  t.identity,
);
