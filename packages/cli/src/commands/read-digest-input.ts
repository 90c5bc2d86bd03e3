import * as E from 'fp-ts/lib/Either.js';
import { badInput, type CliFailure } from '../cli-failure.js';
import { readKeptDigest } from '../digest-file/kept-digest.js';
import { checkDigestTrust } from '../verified/digest-trust.js';
import type { CheckedDigest } from '../verified/verified-fold.js';
import { readTrustAnchors } from './read-trust-anchors.js';

/** The options that name a kept digest and what it must be checked against. */
export interface DigestOptions {
  readonly digest?: string;
  readonly publicKey?: string;
  readonly tsaCert?: string;
}

/**
 * Reads the kept digest and checks its signature and timestamp token against the key and
 * certificate given, before the store is opened; undefined when no digest was given. A key or
 * certificate given without a digest is refused: there would be nothing to check it against.
 */
export function readDigestInput(options: DigestOptions): E.Either<CliFailure, CheckedDigest | undefined> {
  if (options.digest === undefined) {
    if (options.publicKey !== undefined) return E.left(badInput('--public-key needs --digest: it checks the digest\'s signature'));
    if (options.tsaCert !== undefined) return E.left(badInput('--tsa-cert needs --digest: it checks the digest\'s timestamp token'));
    return E.right(undefined);
  }
  const kept = readKeptDigest(options.digest);
  if (E.isLeft(kept)) return kept;
  const anchors = readTrustAnchors(options);
  if (E.isLeft(anchors)) return anchors;
  const trust = checkDigestTrust(kept.right, anchors.right);
  return E.isLeft(trust) ? trust : E.right({ kept: kept.right, trust: trust.right });
}
