import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, StoreUnavailableError } from '@csp-onprem/engine';
import { readGlobalOrder } from './read-log.js';
import { TreeHeadBuilder } from './tree-head-builder.js';
import type { TreeHead } from './tree-head.js';

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
  const builder = new TreeHeadBuilder();
  const read = await readGlobalOrder(store, (event) => {
    if (atPosition !== undefined && event.position > atPosition) return 'stop';
    builder.push(event);
    return 'more';
  });
  return E.isLeft(read) ? read : E.right(builder.head());
}
