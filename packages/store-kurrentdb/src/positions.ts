import * as E from 'fp-ts/lib/Either.js';
import { START, type ReadPosition } from '@kurrent/kurrentdb-client';
import { storeUnavailable, type StoreUnavailableError } from '@csp-onprem/engine';

/**
 * Our `position` of an event: its KurrentDB commit position as a number. Commit positions are
 * byte offsets in the transaction log, so a log past 2^53 bytes (8 PiB) cannot be numbered
 * exactly; that, a missing position or a non-positive one answers `StoreUnavailable`.
 */
export function positionOfCommit(commit: bigint | undefined, what: string): E.Either<StoreUnavailableError, number> {
  if (commit === undefined) {
    return E.left(storeUnavailable(what, 'KurrentDB gave no commit position for the event (stream reads report it from server version 22.6)'));
  }
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    return E.left(
      storeUnavailable(what, `commit position ${commit} is above Number.MAX_SAFE_INTEGER (${Number.MAX_SAFE_INTEGER}), so it cannot be a position`),
    );
  }
  if (commit <= 0n) return E.left(storeUnavailable(what, `commit position ${commit} is not a positive integer`));
  return E.right(Number(commit));
}

/**
 * Where a read of the global order after position `after` starts: the start of the log for
 * `after` <= 0, otherwise the record at `after` itself (KurrentDB reads from a position
 * inclusively, so the caller drops events at or before `after`).
 */
export function readPositionAfter(after: number): ReadPosition {
  if (!(after >= 1)) return START;
  const at = BigInt(Math.floor(after));
  return { commit: at, prepare: at };
}
