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
  // Each stream's last event so far; heads are built once, at the end, not once per event.
  private readonly streams = new Map<string, LogLeaf>();
  private lastPosition = 0;

  /** How many events were added. */
  get size(): number {
    return this.accumulator.size;
  }

  /** The position of the last event added; 0 before the first. */
  get position(): number {
    return this.lastPosition;
  }

  /** Adds the next event of the global order. */
  push(event: LogLeaf): void {
    this.accumulator.push(logLeafHash(event));
    this.streams.set(event.streamId, event);
    this.lastPosition = event.position;
  }

  /** The head of the events added so far. */
  head(): TreeHead {
    return {
      format: TREE_HEAD_FORMAT,
      treeSize: this.accumulator.size,
      position: this.lastPosition,
      root: toBase64(this.accumulator.root()),
      streams: [...this.streams.values()].map((e): StreamHead => ({ streamId: e.streamId, version: e.version, hash: e.hash, position: e.position })).sort(byStreamId),
    };
  }
}
