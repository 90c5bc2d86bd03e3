import { createHash, randomBytes } from 'node:crypto';
import { derBoolean, derInteger, derNull, derOctetString, derOid, derSequence } from './der-writer.js';
import { Oid } from './oids.js';

/** A DER TimeStampReq (RFC 3161 §2.4.1) with what its answer must echo. */
export interface TimestampRequest {
  /** The request as sent: application/timestamp-query. */
  readonly der: Uint8Array;
  /** The SHA-256 of the bytes to stamp: the message imprint. */
  readonly imprint: Uint8Array;
  /** The random nonce the token must carry back. */
  readonly nonce: bigint;
}

/** A random positive 64-bit nonce, never 0. */
export function randomNonce(): bigint {
  for (;;) {
    const nonce = randomBytes(8).readBigUInt64BE(0);
    if (nonce !== 0n) return nonce;
  }
}

/**
 * Builds a TimeStampReq by hand: version 1, message imprint SHA-256 of `bytesToStamp`, no
 * policy, the nonce, and certReq TRUE (so the token carries the TSA's certificate).
 */
export function timestampRequest(bytesToStamp: Uint8Array, nonce: bigint = randomNonce()): TimestampRequest {
  const imprint = createHash('sha256').update(bytesToStamp).digest();
  const der = derSequence(
    derInteger(1n),
    derSequence(derSequence(derOid(Oid.sha256), derNull()), derOctetString(imprint)),
    derInteger(nonce),
    derBoolean(true),
  );
  return { der, imprint: new Uint8Array(imprint), nonce };
}
