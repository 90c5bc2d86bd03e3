import { merkleRoot, type HeadsDigest, type StoredEvent, type StreamHead } from '@csp-onprem/engine';
import { plural } from '../text/plural.js';

/** The outcome of checking a log against an older `csp-onprem-heads/1` digest. */
export interface HeadsDigestCheck {
  readonly ok: boolean;
  /** What differs, in words; empty when ok. */
  readonly verdicts: readonly string[];
}


/**
 * Checks the log against an older heads digest while the global order streams past (the same
 * computation as the engine's `checkHeadsDigest`, in the reader's one pass). Such a digest keeps
 * a root over the stream heads and two counts, no stream list: a mismatch cannot name the
 * purchase that changed, and it binds neither positions nor the order across streams.
 */
export class HeadsDigestComparison {
  private readonly heads = new Map<string, StreamHead>();
  private events = 0;

  constructor(readonly digest: HeadsDigest) {}

  /** Adds the next event of the global order; those after the digest's position are ignored. */
  push(event: StoredEvent): void {
    if (event.position > this.digest.position) return;
    this.heads.set(event.streamId, { streamId: event.streamId, version: event.version, hash: event.hash });
    this.events += 1;
  }

  /** Whether the log still holds what was digested, and if not what differs. */
  result(): HeadsDigestCheck {
    const { digest } = this;
    const root = merkleRoot([...this.heads.values()]);
    const differences = [
      this.heads.size !== digest.streams && `${plural(digest.streams, 'purchase')} were digested, ${this.heads.size} are there now`,
      this.events !== digest.events && `${plural(digest.events, 'event')} were digested, ${this.events} are there now`,
      root !== digest.root && `the last event of at least one purchase is not the one digested (root ${digest.root.slice(0, 16)}... then, ${root.slice(0, 16)}... now)`,
    ].filter((d): d is string => typeof d === 'string');
    if (differences.length === 0) return { ok: true, verdicts: [] };
    return {
      ok: false,
      verdicts: [
        `the log no longer holds what your older-format digest at position ${digest.position} covered: ${differences.join('; ')} (a digest of that format cannot say which purchase changed: take signed tree heads with csp-onprem digest --sign from now on)`,
      ],
    };
  }
}
