import { isSignedTreeHead, type LogCheck, type LogFinding, type SignedTreeHead, type TreeHead } from '@csp-onprem/audit';
import type { PurchaseNames } from './purchase-names.js';
import { plural } from '../text/plural.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO instant as an auditor reads it: `7 Dec 2026 18:00 UTC`. */
export function plainDate(iso: string): string {
  const date = new Date(iso);
  const time = iso.slice(11, 16);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()} ${time} UTC`;
}

/** How a proof's verdict names a head: "the head of 7 Dec 2026 18:00 UTC (48 events up to position 51)". */
export function headName(head: TreeHead | SignedTreeHead): string {
  const size = `${head.treeSize} events up to position ${head.position}`;
  return isSignedTreeHead(head) ? `the head of ${plainDate(head.timestamp)} (${size})` : `the unsigned head of ${size}`;
}

/** How a verdict names a kept head: "your digest of 7 Dec 2026 18:00 UTC, position 48". */
export function yourDigest(head: TreeHead | SignedTreeHead): string {
  return isSignedTreeHead(head) ? `your digest of ${plainDate(head.timestamp)}, position ${head.position}` : `your digest at position ${head.position}`;
}


/**
 * One finding of a log checked against a kept head, in words an auditor understands, the
 * purchase first: "SUB-A2 (order ORD-A, contoso.example): 1 event missing since your digest of
 * 7 Dec 2026 18:00 UTC, position 48". The finding's own message is the technical detail.
 */
export function findingVerdict(finding: LogFinding, head: TreeHead | SignedTreeHead, names: PurchaseNames): string {
  const digest = yourDigest(head);
  const purchase = finding.streamId === undefined ? '' : names.of(finding.streamId);
  const recorded = finding.streamId === undefined ? undefined : head.streams.find((s) => s.streamId === finding.streamId);
  switch (finding.kind) {
    case 'events-missing':
      return `${purchase}: ${plural(finding.count ?? 1, 'event')} missing since ${digest}`;
    case 'stream-vanished':
      return `${purchase}: the whole purchase is gone since ${digest} (it had ${plural(recorded?.version ?? 0, 'event')}, the last at position ${recorded?.position ?? '?'})`;
    case 'stream-rewritten':
      return `${purchase}: its history was rewritten since ${digest}: its event version ${recorded?.version ?? '?'} (position ${recorded?.position ?? '?'}) is another event now, although its chain was recomputed to hold`;
    case 'events-added':
      return `${purchase}: ${plural(finding.count ?? 1, 'event')} written into its past since ${digest}: at or before position ${head.position}, which the digest covered`;
    case 'stream-appeared':
      return `${purchase}: a purchase ${digest} did not have appeared in the part of the log it covered (at or before position ${head.position})`;
    case 'event-moved':
      return `${purchase}: its event version ${recorded?.version ?? '?'} moved from position ${recorded?.position ?? '?'} to position ${finding.position ?? '?'} since ${digest}: the order of events was changed`;
    case 'log-shorter':
      return `the log holds fewer events than ${digest} covered (${head.treeSize}): events were deleted`;
    case 'order-changed':
      return `the order of events was changed at or before position ${head.position} since ${digest}: every purchase holds the same events, but in other places of the global order (replays and audit windows by position would change)`;
    case 'head-inconsistent':
      return `the digest file itself was changed, or made from another log: the log's events make its root, but not its position or its list of purchases`;
  }
}

/** The verdicts of a log checked against a kept head. */
export interface HeadVerdicts {
  /** One verdict on the whole digest, when none of the purchases it names is left as recorded. */
  readonly anotherLog?: string;
  /** One verdict per finding, in the findings' order. */
  readonly findings: readonly string[];
}

/**
 * The verdicts of a log checked against a kept head, one per finding; and when none of the
 * purchases the head names is left as recorded, one more that says the digest is from another
 * log (or the log was replaced).
 */
export function headVerdicts(check: LogCheck, names: PurchaseNames): HeadVerdicts {
  const findings = check.findings.map((finding) => findingVerdict(finding, check.head, names));
  const lost = new Set(check.findings.filter((f) => f.kind === 'stream-vanished' || f.kind === 'stream-rewritten').map((f) => f.streamId));
  if (check.head.streams.length === 0 || !check.head.streams.every((s) => lost.has(s.streamId))) return { findings };
  return {
    anotherLog: `${yourDigest(check.head)} does not describe this log: none of the ${check.head.streams.length} purchases it names is in the log as recorded (the digest is from another log, or the log was replaced)`,
    findings,
  };
}
