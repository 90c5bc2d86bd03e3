import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, StoreUnavailableError } from '@csp-onprem/engine';
import type { LogLeaf } from './log-leaf.js';
import { readGlobalOrder } from './read-log.js';
import { byStreamId, type StreamHead } from './stream-head.js';
import { TreeHeadBuilder } from './tree-head-builder.js';
import { describeHead, type SignedTreeHead, type TreeHead } from './tree-head.js';

/** What kind of change a finding names. */
export type LogFindingKind =
  /** A stream lost its last events. */
  | 'events-missing'
  /** A stream the head had has no event left at or before the head's position. */
  | 'stream-vanished'
  /** A stream's event at the head's version is another event now. */
  | 'stream-rewritten'
  /** A stream has more events at or before the head's position than the head had: written into the past. */
  | 'events-added'
  /** A stream the head did not have has events at or before its position. */
  | 'stream-appeared'
  /** A stream's last event at the head is the same event at another position. */
  | 'event-moved'
  /** The log has fewer events than the head covers. */
  | 'log-shorter'
  /** Every stream is as the head recorded, but the global order is not. */
  | 'order-changed'
  /** The tree matches but the head's own position or stream heads do not: the head was not made from this tree. */
  | 'head-inconsistent';

/** One thing that changed since a head, in words an auditor understands. */
export interface LogFinding {
  readonly kind: LogFindingKind;
  /** The stream (purchase) concerned, when the finding is about one. */
  readonly streamId?: string;
  /** How many events are missing or were added, for `events-missing` and `events-added`. */
  readonly count?: number;
  /** Where the stream's last event is now, for `event-moved`. */
  readonly position?: number;
  readonly message: string;
}

/** The outcome of checking a log against a head it should still match. */
export interface LogCheck {
  /** True when the log's first `head.treeSize` events are exactly those the head covers. */
  readonly ok: boolean;
  readonly head: TreeHead | SignedTreeHead;
  /** The head recomputed from the log as it is now, at the same size. */
  readonly recomputed: TreeHead;
  /** What changed, most specific first; empty when ok. */
  readonly findings: readonly LogFinding[];
}

const events = (n: number): string => (n === 1 ? '1 event' : `${n} events`);

function sameStreams(a: readonly StreamHead[], b: readonly StreamHead[]): boolean {
  return a.length === b.length && a.every((s, i) => {
    const t = b[i] as StreamHead;
    return s.streamId === t.streamId && s.version === t.version && s.hash === t.hash && s.position === t.position;
  });
}

/** Compares every stream the head recorded with the same stream at or before the head's position now. */
function streamFindings(head: TreeHead | SignedTreeHead, now: ReadonlyMap<string, LogLeaf>): LogFinding[] {
  const when = describeHead(head);
  const findings: LogFinding[] = [];
  const recorded = new Set<string>();
  for (const then of head.streams) {
    recorded.add(then.streamId);
    const current = now.get(then.streamId);
    const streamId = then.streamId;
    if (current === undefined) {
      findings.push({
        kind: 'stream-vanished',
        streamId,
        message: `stream ${streamId} vanished: ${when} had ${events(then.version)} of it, the last at position ${then.position}; the log has none at or before position ${head.position} now`,
      });
    } else if (current.version < then.version) {
      const missing = then.version - current.version;
      const which = missing === 1 ? `version ${then.version}` : `versions ${current.version + 1} to ${then.version}, the last`;
      findings.push({ kind: 'events-missing', streamId, count: missing, message: `stream ${streamId}: ${events(missing)} missing since ${when} (${which} at position ${then.position})` });
    } else if (current.version > then.version) {
      const added = current.version - then.version;
      findings.push({
        kind: 'events-added',
        streamId,
        count: added,
        message: `stream ${streamId}: ${events(added)} at or before position ${head.position} that ${when} did not have (up to version ${current.version}, position ${current.position}): written into the past`,
      });
    } else if (current.hash !== then.hash) {
      findings.push({ kind: 'stream-rewritten', streamId, message: `stream ${streamId} was rewritten: its event version ${then.version} (position ${then.position}) is not the one ${when} recorded` });
    } else if (current.position !== then.position) {
      findings.push({ kind: 'event-moved', streamId, position: current.position, message: `stream ${streamId}: its event version ${then.version} moved from position ${then.position} to position ${current.position}` });
    }
  }
  for (const current of [...now.values()].sort(byStreamId)) {
    if (recorded.has(current.streamId)) continue;
    findings.push({
      kind: 'stream-appeared',
      streamId: current.streamId,
      message: `stream ${current.streamId} appeared: ${events(current.version)} at or before position ${head.position} (the last at position ${current.position}) that ${when} did not have`,
    });
  }
  return findings;
}

/**
 * Compares a log with a head while its global order streams past, one event at a time (see
 * `checkLogAgainstHead`), for a reader that does other work with each event in the same pass.
 */
export class HeadComparison {
  private readonly builder = new TreeHeadBuilder();
  // Each stream's event of highest version at or before the head's position.
  private readonly atPosition = new Map<string, { streamId: string; version: number; hash: string; position: number }>();

  constructor(readonly head: TreeHead | SignedTreeHead) {}

  /** Whether the comparison still needs events after this one (its leaf index and position). */
  wants(leafIndex: number, position: number): boolean {
    return leafIndex < this.head.treeSize || position <= this.head.position;
  }

  /**
   * Adds the next event of the global order, at leaf index `leafIndex`; events it does not need
   * are ignored. `leafHash` is the event's `logLeafHash` when the caller computed it already.
   */
  push(event: LogLeaf, leafIndex: number, leafHash?: Uint8Array): void {
    if (leafIndex < this.head.treeSize) this.builder.push(event, leafHash);
    if (event.position > this.head.position) return;
    // The highest version, not the last one read: an event slid in before a stream's later ones still counts.
    const known = this.atPosition.get(event.streamId);
    if (known === undefined) this.atPosition.set(event.streamId, { streamId: event.streamId, version: event.version, hash: event.hash, position: event.position });
    else if (event.version > known.version) {
      // Updated in place: no reference that would keep a whole event alive to the end.
      known.version = event.version;
      known.hash = event.hash;
      known.position = event.position;
    }
  }

  /** What changed since the head, from the events added. */
  result(): LogCheck {
    const { head } = this;
    const recomputed = this.builder.head();
    const when = describeHead(head);
    const treeMatches = recomputed.treeSize === head.treeSize && recomputed.root === head.root;
    if (treeMatches) {
      const consistent = recomputed.position === head.position && sameStreams(recomputed.streams, head.streams);
      const findings: LogFinding[] = consistent
        ? []
        : [
            {
              kind: 'head-inconsistent',
              message: `the log's first ${head.treeSize} events make the root of ${when}, but the head's position or stream heads do not match them: the head was changed, or made from another tree`,
            },
          ];
      return { ok: consistent, head, recomputed, findings };
    }
    const findings = streamFindings(head, this.atPosition);
    if (recomputed.treeSize < head.treeSize) {
      findings.push({ kind: 'log-shorter', message: `the log has ${events(recomputed.treeSize)} now, ${when} covered ${head.treeSize}` });
    }
    if (findings.length === 0) {
      findings.push({
        kind: 'order-changed',
        message: `the order of events changed at or before position ${head.position}: every stream holds the events ${when} recorded, but not in the same places of the global order`,
      });
    }
    return { ok: false, head, recomputed, findings };
  }
}

/**
 * Recomputes the head from the log at the head's size and, when it differs, names in words
 * what changed: per stream (events missing, a stream vanished or appeared, rewritten, written
 * into the past, moved), then the log's length and the global order. Reads the log once, up
 * to the head's size or position, whichever is further.
 */
export async function checkLogAgainstHead(store: EventStore, head: TreeHead | SignedTreeHead): Promise<E.Either<StoreUnavailableError, LogCheck>> {
  const comparison = new HeadComparison(head);
  const read = await readGlobalOrder(store, (event, index) => {
    if (!comparison.wants(index, event.position)) return 'stop';
    comparison.push(event, index);
    return 'more';
  });
  return E.isLeft(read) ? read : E.right(comparison.result());
}
