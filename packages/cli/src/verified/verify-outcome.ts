import type { ReadModelReport } from '@csp-onprem/engine';
import { signingOf, type KeptDigest } from '../digest-file/kept-digest.js';
import type { AuditedRead, ChainReport } from './audited-read.js';
import type { DigestTrust, TrustCheck } from './digest-trust.js';
import { readModelVerdict, type DigestFinding, type LogVerdicts } from './log-verdicts.js';
import type { SanityWarning } from './sanity-warnings.js';

/** What a kept digest covered, as its file says. */
export interface DigestCovers {
  readonly events: number;
  readonly position: number;
  readonly root: string;
  /** When a signed head was signed, and by which key. */
  readonly signedAt?: string;
  readonly keyId?: string;
}

/** The kept digest's part of a verification. */
export interface DigestOutcome {
  readonly file: string;
  readonly format: string;
  /** True when the log still holds exactly what was digested: its recorded events match and every one still chains. */
  readonly ok: boolean;
  /** Whether the events' recorded hashes still make the digest (true even when an event no longer matches its recorded hash: see the chain). */
  readonly recordMatches: boolean;
  readonly covers: DigestCovers;
  readonly findings: readonly DigestFinding[];
  readonly signature: TrustCheck;
  readonly timestamp: TrustCheck;
}

/** What `csp-onprem verify` found, as `--json` prints it. */
export interface VerifyOutcome {
  readonly format: 'csp-onprem-verify/2';
  readonly ok: boolean;
  readonly store: string;
  /** Every tamper finding and failed check in words, the purchase first; empty when ok. */
  readonly verdicts: readonly string[];
  readonly chain: ChainReport;
  /** The tree head of the log as read (size, last position, root). */
  readonly log: { readonly events: number; readonly position: number; readonly root: string };
  readonly digest?: DigestOutcome;
  /** Saved read models compared with a fold of the log, each difference also in words; null when the store cannot keep any. */
  readonly readModels: (ReadModelReport & { readonly verdicts: readonly string[] }) | null;
  /** Sanity warnings: not signs of tampering on their own, kept apart from the verdicts. */
  readonly warnings: readonly SanityWarning[];
}

function digestOutcome(kept: KeptDigest, trust: DigestTrust, read: AuditedRead, verdicts: LogVerdicts): DigestOutcome {
  if (kept.kind === 'heads') {
    const recordMatches = read.headsDigestCheck?.ok ?? false;
    const { events, position, root } = kept.digest;
    return { file: kept.file, format: kept.digest.format, ok: recordMatches && read.chain.ok, recordMatches, covers: { events, position, root }, findings: verdicts.digestFindings, signature: trust.signature, timestamp: trust.timestamp };
  }
  const { head } = kept;
  const recordMatches = read.treeHeadChecks[0]?.ok ?? false;
  const signed = signingOf(head);
  return {
    file: kept.file,
    format: head.format,
    ok: recordMatches && read.chain.ok,
    recordMatches,
    covers: { events: head.treeSize, position: head.position, root: head.root, ...signed },
    findings: verdicts.digestFindings,
    signature: trust.signature,
    timestamp: trust.timestamp,
  };
}

/** Assembles the outcome of `verify` from the audited read and the checks around it. */
export function verifyOutcome(
  store: string,
  read: AuditedRead,
  verdicts: LogVerdicts,
  kept: KeptDigest | undefined,
  trust: DigestTrust | undefined,
  readModels: ReadModelReport | null,
): VerifyOutcome {
  return {
    format: 'csp-onprem-verify/2',
    ok: verdicts.ok,
    store,
    verdicts: verdicts.verdicts,
    chain: read.chain,
    log: { events: read.head.treeSize, position: read.head.position, root: read.head.root },
    ...(kept === undefined || trust === undefined ? {} : { digest: digestOutcome(kept, trust, read, verdicts) }),
    readModels: readModels === null ? null : { ...readModels, verdicts: readModels.differences.map((difference) => readModelVerdict(difference, read.names)) },
    warnings: read.warnings,
  };
}
