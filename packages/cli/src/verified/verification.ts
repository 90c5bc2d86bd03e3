import { signingOf, type KeptDigest } from '../digest-file/kept-digest.js';
import type { AuditedRead } from './audited-read.js';
import type { DigestTrust, TrustStatus } from './digest-trust.js';
import { plainDate } from './head-verdict.js';
import { plural } from '../text/plural.js';

/** What an output (an export, a replay) was verified against, or why it is not verified: every output carries one. */
export interface Verification {
  /** True when every chain holds, the log matches the kept digest (when one was given), and the store did not change while read. */
  readonly verified: boolean;
  /** One sentence in words: what was checked and against what, or the first failure. */
  readonly statement: string;
  /** Every failure in words, the purchase first; empty when verified. */
  readonly failures: readonly string[];
  /** The log as read: its events, purchases, last position and RFC 9162 tree root. */
  readonly log: { readonly events: number; readonly streams: number; readonly position: number; readonly root: string };
  /** The kept digest the log was checked against, when one was given. */
  readonly digest: {
    readonly file: string;
    readonly format: string;
    readonly position: number;
    readonly root: string;
    readonly signedAt?: string;
    readonly keyId?: string;
    readonly signature: TrustStatus;
    readonly timestamp: TrustStatus;
  } | null;
}


function digestOf(kept: KeptDigest, trust: DigestTrust): NonNullable<Verification['digest']> {
  if (kept.kind === 'heads') {
    return { file: kept.file, format: kept.digest.format, position: kept.digest.position, root: kept.digest.root, signature: trust.signature.status, timestamp: trust.timestamp.status };
  }
  const { head } = kept;
  return {
    file: kept.file,
    format: head.format,
    position: head.position,
    root: head.root,
    ...signingOf(head),
    signature: trust.signature.status,
    timestamp: trust.timestamp.status,
  };
}

function digestWords(digest: NonNullable<Verification['digest']>): string {
  const kind = digest.signedAt === undefined ? (digest.format === 'csp-onprem-heads/1' ? 'an older-format digest' : 'an unsigned digest') : `a digest signed ${plainDate(digest.signedAt)}`;
  const signature =
    digest.keyId === undefined ? '' : digest.signature === 'ok' ? `, key id ${digest.keyId.slice(0, 16)}... checked against the public key given` : `, key id ${digest.keyId.slice(0, 16)}... NOT checked (no public key given)`;
  const timestamp = digest.timestamp === 'ok' ? ', timestamp checked against the TSA certificate given' : digest.timestamp === 'not-checked' ? ', timestamp NOT checked' : '';
  return `it matches ${digest.file}, ${kind} (position ${digest.position}, root ${digest.root.slice(0, 16)}...${signature}${timestamp})`;
}

/** The verification an output carries, from the audited read and the verdicts gathered on it. */
export function verificationOf(read: AuditedRead, failures: readonly string[], kept: KeptDigest | undefined, trust: DigestTrust | undefined): Verification {
  const log = { events: read.head.treeSize, streams: read.chain.streams, position: read.head.position, root: read.head.root };
  const digest = kept === undefined || trust === undefined ? null : digestOf(kept, trust);
  if (failures.length > 0) {
    const more = failures.length > 1 ? ` (and ${plural(failures.length - 1, 'more problem')})` : '';
    return { verified: false, statement: `UNVERIFIED: ${failures[0] ?? ''}${more}. Do not rely on it without checking the log.`, failures, log, digest };
  }
  const matches = digest === null ? '; no kept digest was given, so a log rewritten with recomputed chains would pass' : `; ${digestWords(digest)}`;
  return {
    verified: true,
    statement: `Verified: the hash chains of all ${plural(log.events, 'event')} in ${plural(log.streams, 'purchase')} hold; the log read up to position ${log.position} has the tree root ${log.root}${matches}.`,
    failures,
    log,
    digest,
  };
}
