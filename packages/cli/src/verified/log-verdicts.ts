import type { LogFindingKind } from '@csp-onprem/audit';
import type { ReadModelDifference, ReadModelReport } from '@csp-onprem/engine';
import type { KeptDigest } from '../digest-file/kept-digest.js';
import type { AuditedRead } from './audited-read.js';
import type { DigestTrust } from './digest-trust.js';
import { headVerdicts } from './head-verdict.js';
import type { PurchaseNames } from './purchase-names.js';
import { plural } from '../text/plural.js';

/** One finding of the log checked against a kept digest: in words, then the technical detail. */
export interface DigestFinding {
  /** The finding's kind; `another-log` when no purchase of the digest is left as recorded, `heads-digest-differs` for an older-format digest. */
  readonly kind: LogFindingKind | 'another-log' | 'heads-digest-differs';
  readonly streamId?: string;
  readonly verdict: string;
  readonly detail: string;
}

/** Every reason a read log cannot be relied on, in words an auditor understands, the purchase first. */
export interface LogVerdicts {
  /** True when nothing below was found. */
  readonly ok: boolean;
  /** Tamper findings and failed checks, most telling first. */
  readonly verdicts: readonly string[];
  /** The findings of the kept digest, when one was given. */
  readonly digestFindings: readonly DigestFinding[];
}

/** A saved read model's document that is not what the log makes, in words, the purchase first. */
export function readModelVerdict(difference: ReadModelDifference, names: PurchaseNames): string {
  const about = difference.streamId === undefined ? `${difference.readModel} document ${difference.key}` : names.of(difference.streamId);
  const model = `the saved ${difference.readModel} read model`;
  switch (difference.problem) {
    case 'missing':
      return `${about}: ${model} has no document for it, although the log makes one`;
    case 'unexpected':
      return `${about}: ${model} holds a document no event of the log accounts for`;
    case 'differs':
      return `${about}: ${model} says otherwise than the log in ${difference.fields.join(', ')}`;
  }
}


/**
 * Gathers the verdicts of an audited read: the chain failures, what changed since the kept
 * digest, a digest that is not the auditor's own (signature, timestamp), read models that are
 * not what the log makes, and a store that changed while it was read.
 */
export function logVerdicts(read: AuditedRead, kept: KeptDigest | undefined, trust: DigestTrust | undefined, readModels?: ReadModelReport): LogVerdicts {
  const verdicts: string[] = read.chain.failures.map((failure) => failure.verdict);
  const unlisted = read.chain.badEvents - read.chain.failures.length;
  if (unlisted > 0) verdicts.push(`and ${plural(unlisted, 'more event')} whose chain does not hold`);
  const digestFindings: DigestFinding[] = [];
  for (const check of read.treeHeadChecks) {
    const words = headVerdicts(check, read.names);
    if (words.anotherLog !== undefined) digestFindings.push({ kind: 'another-log', verdict: words.anotherLog, detail: `${check.findings.length} findings, below` });
    check.findings.forEach((finding, index) =>
      digestFindings.push({ kind: finding.kind, ...(finding.streamId === undefined ? {} : { streamId: finding.streamId }), verdict: words.findings[index] ?? finding.message, detail: finding.message }),
    );
  }
  if (read.headsDigestCheck !== undefined && !read.headsDigestCheck.ok) {
    for (const verdict of read.headsDigestCheck.verdicts) digestFindings.push({ kind: 'heads-digest-differs', verdict, detail: verdict });
  }
  verdicts.push(...digestFindings.map((finding) => finding.verdict));
  if (trust !== undefined && kept !== undefined) {
    if (trust.signature.status === 'failed') verdicts.push(`the digest ${kept.file} is not the auditor's: ${trust.signature.message}`);
    if (trust.timestamp.status === 'failed') verdicts.push(`the digest ${kept.file} is not anchored in time: ${trust.timestamp.message}`);
  }
  verdicts.push(...(readModels?.differences ?? []).map((difference) => readModelVerdict(difference, read.names)));
  return { ok: verdicts.length === 0, verdicts, digestFindings };
}
