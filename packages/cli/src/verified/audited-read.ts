import * as E from 'fp-ts/lib/Either.js';
import { HeadComparison, logLeafHash, TreeHeadBuilder, type LogCheck, type SignedTreeHead, type TreeHead } from '@csp-onprem/audit';
import { VERIFY_PAGE_SIZE, checkChainedEvent, decodeStoredEvent, type EventStore, type HeadsDigest, type RecordedEvent, type VerifyProblem } from '@csp-onprem/engine';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import type { KeptDigest } from '../digest-file/kept-digest.js';
import { chainVerdict } from './chain-verdict.js';
import { HeadsDigestComparison, type HeadsDigestCheck } from './heads-digest-check.js';
import { PurchaseNames } from './purchase-names.js';
import { SanityChecks, type SanityWarning } from './sanity-warnings.js';

/** What to check while the log is read, besides every chain. */
export interface AuditedReadOptions {
  /** Kept tree heads to compare the log with. */
  readonly treeHeads?: readonly (TreeHead | SignedTreeHead)[];
  /** A kept digest of the older format to compare the log with. */
  readonly headsDigest?: HeadsDigest;
  /** Read only the events at or before this position (a digest taken `--at` it). */
  readonly through?: number;
  /** Receives every event that decodes, in global order, whether or not its chain holds (the caller decides what an unverified read may be used for). */
  readonly visit?: (event: RecordedEvent) => void;
  readonly pageSize?: number;
}

/** One event whose chain does not hold, with the verdict in words and the technical detail. */
export interface ChainFailure {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly problem: VerifyProblem;
  readonly detail: string;
  /** The purchase, then what is wrong with its history, in words an auditor understands. */
  readonly verdict: string;
}

/** How the chains held over the events read. */
export interface ChainReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  /** The position of the last event read; 0 for none. */
  readonly position: number;
  /** The first failures, in global order (at most `MAX_LISTED_FAILURES`). */
  readonly failures: readonly ChainFailure[];
  /** How many events fail their chain (all of them, listed or not). */
  readonly badEvents: number;
  /** How many of those do not even decode: no read model includes them. */
  readonly unreadable: number;
}

/** What one audited pass over the log found. */
export interface AuditedRead {
  readonly chain: ChainReport;
  /** The tree head of every event read: what the log was, as read. */
  readonly head: TreeHead;
  /** Each kept tree head compared with the log, in the order given. */
  readonly treeHeadChecks: readonly LogCheck[];
  readonly headsDigestCheck?: HeadsDigestCheck;
  /** Sanity warnings, kept apart from the tamper findings. */
  readonly warnings: readonly SanityWarning[];
  /** The purchases read, to name them in verdicts. */
  readonly names: PurchaseNames;
}

/** Chain failures listed in full; the others are counted. */
export const MAX_LISTED_FAILURES = 20;

interface Head {
  version: number;
  hash: string;
}

/** The options that check a read against a kept digest, of either format; none without one. */
export function checkedAgainst(kept: KeptDigest | undefined): Pick<AuditedReadOptions, 'treeHeads' | 'headsDigest'> {
  if (kept?.kind === 'tree-head') return { treeHeads: [kept.head] };
  if (kept?.kind === 'heads') return { headsDigest: kept.digest };
  return {};
}

/**
 * Reads the global order once and, for every event, checks its stream's chain and decodes it,
 * adds it to the log's tree head, compares it with each kept digest, runs the sanity checks and
 * hands it to `visit`: so that whatever is exported or replayed is exactly what was verified.
 * Unlike the engine's `verifiedPass` it reads on past a bad event, counting and naming every
 * one, so that an output made with --allow-unverified can say what it holds.
 */
export async function auditedRead(store: EventStore, options: AuditedReadOptions = {}): Promise<E.Either<CliFailure, AuditedRead>> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE;
  const names = new PurchaseNames();
  const sanity = new SanityChecks(names);
  const builder = new TreeHeadBuilder();
  const comparisons = (options.treeHeads ?? []).map((head) => new HeadComparison(head));
  const headsDigest = options.headsDigest === undefined ? undefined : new HeadsDigestComparison(options.headsDigest);
  const heads = new Map<string, Head>();
  const failures: ChainFailure[] = [];
  let badEvents = 0;
  let unreadable = 0;
  let done = false;
  let next = store.readAll({ after: 0, limit: pageSize });
  while (!done) {
    const page = await next;
    if (E.isLeft(page)) return E.left(cannotProceed(`${page.left.code}: ${page.left.message}`));
    const last = page.right[page.right.length - 1];
    done = page.right.length < pageSize || last === undefined || (options.through !== undefined && last.position >= options.through);
    if (!done && last !== undefined) {
      // The next page is asked for while this one is checked; marked handled in case it is never awaited.
      next = store.readAll({ after: last.position, limit: pageSize });
      next.catch(() => undefined);
    }
    for (const stored of page.right) {
      if (options.through !== undefined && stored.position > options.through) break;
      const head = heads.get(stored.streamId);
      const checked = checkChainedEvent(stored, head);
      let event: RecordedEvent | undefined;
      if (E.isRight(checked)) event = checked.right;
      else {
        badEvents += 1;
        const decoded = checked.left.problem === 'decode' ? undefined : decodeStoredEvent(stored);
        event = decoded !== undefined && E.isRight(decoded) ? decoded.right : undefined;
        if (event === undefined) unreadable += 1;
        if (failures.length < MAX_LISTED_FAILURES) {
          if (event !== undefined) names.learn(event);
          failures.push({ ...checked.left, verdict: chainVerdict(checked.left, (head?.version ?? 0) + 1, names.of(stored.streamId)) });
        }
      }
      if (head === undefined) heads.set(stored.streamId, { version: stored.version, hash: stored.hash });
      else {
        head.version = stored.version;
        head.hash = stored.hash;
      }
      const leafIndex = builder.size;
      // Hashed once, for the log's own tree and every kept head's.
      const leafHash = logLeafHash(stored);
      builder.push(stored, leafHash);
      for (const comparison of comparisons) comparison.push(stored, leafIndex, leafHash);
      headsDigest?.push(stored);
      if (event === undefined) continue;
      names.learn(event);
      sanity.push(event);
      options.visit?.(event);
    }
  }
  const head = builder.head();
  return E.right({
    chain: { ok: badEvents === 0, events: head.treeSize, streams: heads.size, position: head.position, failures, badEvents, unreadable },
    head,
    treeHeadChecks: comparisons.map((comparison) => comparison.result()),
    ...(headsDigest === undefined ? {} : { headsDigestCheck: headsDigest.result() }),
    warnings: sanity.warnings,
    names,
  });
}
