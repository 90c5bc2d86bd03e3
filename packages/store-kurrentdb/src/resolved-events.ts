import * as E from 'fp-ts/lib/Either.js';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { storeUnavailable, type StoreUnavailableError, type StoredEvent } from '@csp-onprem/engine';
import { fromKurrentEvent, isSystemEvent } from './event-mapping.js';
import { positionOfCommit } from './positions.js';

/**
 * The stored record of an event the client read, or undefined for one that is not ours: a
 * KurrentDB system event, or (when `prefix` is given) a stream outside the store's prefix.
 * An event that is ours but cannot be rebuilt answers `StoreUnavailable`, never a silent skip.
 */
export function storedEventOf(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
  what: string,
  prefix?: string,
): E.Either<StoreUnavailableError, StoredEvent | undefined> {
  const event = resolved.event;
  if (event === undefined || isSystemEvent(event)) return E.right(undefined);
  if (prefix !== undefined && !event.streamId.startsWith(prefix)) return E.right(undefined);
  const position = positionOfCommit(event.position?.commit ?? resolved.commitPosition, what);
  if (E.isLeft(position)) return position;
  const stored = fromKurrentEvent(event, position.right);
  return E.isLeft(stored) ? E.left(storeUnavailable(what, stored.left)) : stored;
}
