import * as E from 'fp-ts/lib/Either.js';
import { START, streamNameFilter, type KurrentDBClient, type ReadPosition } from '@kurrent/kurrentdb-client';
import type { StoreUnavailableError, StoredEvent } from '@csp-onprem/engine';
import { isUnreachable, toStoreUnavailable, type ErrorContext } from './error-mapping.js';
import { readPositionAfter } from './positions.js';
import { storedEventOf } from './resolved-events.js';

/** A page of the global order to read: the store's stream prefix, where to read after and how many. */
export interface PageRequest {
  readonly prefix: string;
  readonly after: number;
  readonly limit: number;
}

function pageSize(limit: number): number {
  if (!(limit >= 1)) return 0;
  return Number.isFinite(limit) ? Math.floor(limit) : Number.MAX_SAFE_INTEGER;
}

// Reads `$all` forwards from `from`, keeping the store's events whose commit position is above
// `afterCommit`, up to `count`. Client errors are thrown for the caller to map.
async function collect(
  client: KurrentDBClient,
  from: ReadPosition,
  request: PageRequest,
  afterCommit: bigint,
  count: number,
  what: string,
): Promise<E.Either<StoreUnavailableError, StoredEvent[]>> {
  const page: StoredEvent[] = [];
  if (count === 0) return E.right(page);
  const maxCount = from === START || count === Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : count + 1;
  const filter = streamNameFilter({ prefixes: [request.prefix] });
  for await (const resolved of client.readAll({ fromPosition: from, maxCount, filter })) {
    const stored = storedEventOf(resolved, what, request.prefix);
    if (E.isLeft(stored)) return stored;
    const event = stored.right;
    if (event === undefined || BigInt(event.position) <= afterCommit) continue;
    page.push(event);
    if (page.length >= count) break;
  }
  return E.right(page);
}

/**
 * A page of the store's events in `$all` order with commit position above `after`. KurrentDB
 * reads from a record's position inclusively and refuses a position inside a record; `after`
 * is normally the position of one of our events, and when the server refuses it (a made-up
 * `after`), the page is found by scanning the store's events from the start instead.
 */
export async function readAllPage(client: KurrentDBClient, request: PageRequest, context: ErrorContext): Promise<E.Either<StoreUnavailableError, StoredEvent[]>> {
  const count = pageSize(request.limit);
  if (count === 0 || request.after >= Number.MAX_SAFE_INTEGER) return E.right([]);
  const from = readPositionAfter(request.after);
  const afterCommit = typeof from === 'string' ? 0n : from.commit;
  const what = `${context.store}: ${context.action}`;
  try {
    return await collect(client, from, request, afterCommit, count, what);
  } catch (cause) {
    if (afterCommit === 0n || isUnreachable(cause)) return E.left(toStoreUnavailable(cause, context));
  }
  try {
    return await collect(client, START, request, afterCommit, count, what);
  } catch (cause) {
    return E.left(toStoreUnavailable(cause, context));
  }
}
