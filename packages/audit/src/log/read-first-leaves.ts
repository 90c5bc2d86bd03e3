import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, StoredEvent, StoreUnavailableError } from '@csp-onprem/engine';
import { PackedHashes } from '../merkle/packed-hashes.js';
import { logLeafHash } from './log-leaf.js';
import { readGlobalOrder } from './read-log.js';

/**
 * Reads the leaf hashes of the first `treeSize` events of the global order (fewer when the log
 * is shorter), handing each event to `onEvent` on the way: one pass, 32 bytes kept per event.
 */
export async function readFirstLeaves(
  store: EventStore,
  treeSize: number,
  onEvent?: (event: StoredEvent, leafIndex: number) => void,
): Promise<E.Either<StoreUnavailableError, PackedHashes>> {
  const hashes = new PackedHashes(Math.min(Math.max(treeSize, 1), 1 << 20));
  if (treeSize === 0) return E.right(hashes);
  const read = await readGlobalOrder(store, (event, index) => {
    hashes.push(logLeafHash(event));
    onEvent?.(event, index);
    return index + 1 >= treeSize ? 'stop' : 'more';
  });
  return E.isLeft(read) ? read : E.right(hashes);
}
