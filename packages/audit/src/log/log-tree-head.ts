import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, StoredEvent, StoreUnavailableError } from '@csp-onprem/engine';
import { RootAccumulator } from '../merkle/root-accumulator.js';
import { toBase64 } from './base64-hash.js';
import { logLeafHash } from './log-leaf.js';
import { readGlobalOrder } from './read-log.js';
import { byStreamId, type StreamHead } from './stream-head.js';
import { TREE_HEAD_FORMAT, type TreeHead } from './tree-head.js';

/** Where a tree head is taken: at the end of the log, or at the last event at or before a position. */
export interface TreeHeadOptions {
  /** Cover only events at or before this position; the whole log when absent. */
  readonly atPosition?: number;
}

/**
 * Reads the log once, page by page, and answers its tree head: the RFC 9162 root over one
 * leaf per event of the global order (see `logLeafBytes`), the size, the last position and
 * every stream's head. An empty log has a head too: size 0, position 0, the empty root.
 */
export async function logTreeHead(store: EventStore, options: TreeHeadOptions = {}): Promise<E.Either<StoreUnavailableError, TreeHead>> {
  const { atPosition } = options;
  const accumulator = new RootAccumulator();
  // Each stream's last event so far; the heads are built once, at the end, not once per event.
  const streams = new Map<string, StoredEvent>();
  let position = 0;
  const read = await readGlobalOrder(store, (event) => {
    if (atPosition !== undefined && event.position > atPosition) return 'stop';
    accumulator.push(logLeafHash(event));
    streams.set(event.streamId, event);
    position = event.position;
    return 'more';
  });
  if (E.isLeft(read)) return read;
  return E.right({
    format: TREE_HEAD_FORMAT,
    treeSize: accumulator.size,
    position,
    root: toBase64(accumulator.root()),
    streams: [...streams.values()].map((e): StreamHead => ({ streamId: e.streamId, version: e.version, hash: e.hash, position: e.position })).sort(byStreamId),
  });
}
