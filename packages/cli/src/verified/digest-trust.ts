import * as E from 'fp-ts/lib/Either.js';
import { isSignedTreeHead, signedHeadStampBytes, verifySignedTreeHead, verifyTimestampToken } from '@csp-onprem/audit';
import { badInput, type CliFailure } from '../cli-failure.js';
import type { KeptDigest } from '../digest-file/kept-digest.js';

/** How one check of a kept digest's authenticity ended. */
export type TrustStatus =
  /** Checked, and it holds. */
  | 'ok'
  /** Checked, and it does not hold: the digest must not be relied on. */
  | 'failed'
  /** The digest has it, but nothing to check it against was given. */
  | 'not-checked'
  /** The digest has none, and none was asked for. */
  | 'absent';

/** One check of a kept digest's authenticity, with what it established in words. */
export interface TrustCheck {
  readonly status: TrustStatus;
  readonly message: string;
}

/** A check's status as a verdict line shows it: a failure in capitals, so that it stands out. */
export function trustStatusWord(status: TrustStatus): string {
  return { ok: 'ok', failed: 'FAILED', 'not-checked': 'NOT CHECKED', absent: 'none' }[status];
}

/** Whether a kept digest is the auditor's own: its signature, and its RFC 3161 time anchor. */
export interface DigestTrust {
  /** True unless a check failed. */
  readonly ok: boolean;
  readonly signature: TrustCheck;
  readonly timestamp: TrustCheck;
}

/** What the auditor trusts: the head-signing public key and the TSA's certificate (PEM texts), when given. */
export interface TrustAnchors {
  readonly publicKeyPem?: string;
  readonly tsaCertificatePem?: string;
}

const shortId = (keyId: string): string => `${keyId.slice(0, 16)}...`;

function signatureCheck(kept: KeptDigest, publicKeyPem: string | undefined): E.Either<CliFailure, TrustCheck> {
  if (kept.kind === 'heads') {
    return E.right(
      publicKeyPem === undefined
        ? { status: 'absent', message: 'an older-format digest is never signed: it proves only what the file says' }
        : { status: 'failed', message: 'the digest is of the older format, which is never signed: it cannot be checked against --public-key' },
    );
  }
  const { head } = kept;
  if (!isSignedTreeHead(head)) {
    return E.right(
      publicKeyPem === undefined
        ? { status: 'absent', message: 'the digest is not signed: it proves only what the file says, so keep it where the platform cannot write' }
        : { status: 'failed', message: 'the digest is not signed, so it cannot be checked against --public-key: anyone could have written it' },
    );
  }
  if (publicKeyPem === undefined) return E.right({ status: 'not-checked', message: `signed at ${head.timestamp} by key id ${shortId(head.keyId)}, not checked: give --public-key` });
  const verdict = verifySignedTreeHead(head, publicKeyPem);
  if (E.isRight(verdict)) return E.right({ status: 'ok', message: `signed at ${head.timestamp} by key id ${shortId(head.keyId)}, the --public-key given` });
  if (verdict.left.code === 'UnusableKey') return E.left(badInput(`--public-key: ${verdict.left.message}`));
  return E.right({ status: 'failed', message: verdict.left.message });
}

function timestampCheck(kept: KeptDigest, tsaCertificatePem: string | undefined): E.Either<CliFailure, TrustCheck> {
  const token = kept.kind === 'tree-head' ? kept.timestampToken : undefined;
  if (token === undefined || kept.kind !== 'tree-head' || !isSignedTreeHead(kept.head)) {
    return E.right(
      tsaCertificatePem === undefined
        ? { status: 'absent', message: 'no timestamp token: the digest is not anchored in time' }
        : { status: 'failed', message: 'the digest carries no timestamp token to check against --tsa-cert (take one with csp-onprem digest --sign ... --tsa-url ...)' },
    );
  }
  if (tsaCertificatePem === undefined) return E.right({ status: 'not-checked', message: 'a timestamp token, not checked: give --tsa-cert' });
  const verdict = verifyTimestampToken(token, signedHeadStampBytes(kept.head), tsaCertificatePem);
  if (E.isLeft(verdict)) {
    if (verdict.left.code === 'UnusableCertificate') return E.left(badInput(`--tsa-cert: ${verdict.left.message}`));
    const other = verdict.left.message.startsWith('the token stamps other bytes');
    return E.right({ status: 'failed', message: other ? `the timestamp token is for another digest: ${verdict.left.message}` : verdict.left.message });
  }
  const { genTime, serialNumber, policy } = verdict.right;
  return E.right({ status: 'ok', message: `the TSA of --tsa-cert dates the signed digest at ${genTime.toISOString()} (token serial ${serialNumber}, policy ${policy})` });
}

/**
 * Checks a kept digest's signature against the public key and its timestamp token against the
 * TSA certificate the auditor trusts, each when given. A key or certificate that cannot be used
 * is bad input (a Left); a signature or token that does not hold is a failed check.
 */
export function checkDigestTrust(kept: KeptDigest, anchors: TrustAnchors): E.Either<CliFailure, DigestTrust> {
  const signature = signatureCheck(kept, anchors.publicKeyPem);
  if (E.isLeft(signature)) return signature;
  const timestamp = timestampCheck(kept, anchors.tsaCertificatePem);
  if (E.isLeft(timestamp)) return timestamp;
  return E.right({ ok: signature.right.status !== 'failed' && timestamp.right.status !== 'failed', signature: signature.right, timestamp: timestamp.right });
}
