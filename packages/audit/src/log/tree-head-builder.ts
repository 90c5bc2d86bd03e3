import { RootAccumulator } from '../merkle/root-accumulator.js';
import { toBase64 } from './base64-hash.js';
import { logLeafHash, type LogLeaf } from './log-leaf.js';
import { byStreamId, type StreamHead } from './stream-head.js';
import { TREE_HEAD_FORMAT, type TreeHead } from './tree-head.js';

/**
 * Builds a tree head while the global order streams past, one event at a time: for a reader
 * that also does other work with each event (a chain check, a fold), so that the log is read
 * once. Keeps O(log n) node hashes and one event reference per stream.
 */
export class TreeHeadBuilder {
  private readonly accumulator = new RootAccumulator();
  // Each stream's last event so far, updated in place: one small record per stream, and no
  // reference that would keep a whole event (its data and metadata) alive to the end.
  private readonly streams = new Map<string, { version: number; hash: string; position: number }>();
  private lastPosition = 0;

  /** How many events were added. */
  get size(): number {
    return this.accumulator.size;
  }

  /** The position of the last event added; 0 before the first. */
  get position(): number {
    return this.lastPosition;
  }

  /** Adds the next event of the global order; `leafHash` is its `logLeafHash` when the caller computed it already. */
  push(event: LogLeaf, leafHash: Uint8Array = logLeafHash(event)): void {
    this.accumulator.push(leafHash);
    const head = this.streams.get(event.streamId);
    if (head === undefined) this.streams.set(event.streamId, { version: event.version, hash: event.hash, position: event.position });
    else {
      head.version = event.version;
      head.hash = event.hash;
      head.position = event.position;
    }
    this.lastPosition = event.position;
  }

  /** The head of the events added so far. */
  head(): TreeHead {
    return {
      format: TREE_HEAD_FORMAT,
      treeSize: this.accumulator.size,
      position: this.lastPosition,
      root: toBase64(this.accumulator.root()),
      streams: [...this.streams].map(([streamId, e]): StreamHead => ({ streamId, version: e.version, hash: e.hash, position: e.position })).sort(byStreamId),
    };
  }
}
