import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, StoredEvent, StoreUnavailableError } from '@csp-onprem/engine';

/** Events asked of the store per page: small enough for each page to die young, large enough to keep round trips few. */
export const AUDIT_PAGE_SIZE = 2000;

/** What a visitor answers for each event: read on, or stop here. */
export type ReadOn = 'more' | 'stop';

/**
 * Reads the global order from the start, page by page through `readAll`, handing each event
 * and its leaf index (its rank: 0, 1, 2, ... whatever gaps the positions have) to `visit`
 * until it answers 'stop' or the log ends. The next page is asked for while one is visited.
 */
export async function readGlobalOrder(
  store: EventStore,
  visit: (event: StoredEvent, leafIndex: number) => ReadOn,
  pageSize: number = AUDIT_PAGE_SIZE,
): Promise<E.Either<StoreUnavailableError, void>> {
  let index = 0;
  let next = store.readAll({ after: 0, limit: pageSize });
  for (;;) {
    const page = await next;
    if (E.isLeft(page)) return page;
    const last = page.right[page.right.length - 1];
    const more = page.right.length >= pageSize && last !== undefined;
    if (more) {
      next = store.readAll({ after: last.position, limit: pageSize });
      // Marked handled: a visitor that stops early never awaits it.
      next.catch(() => undefined);
    }
    for (const event of page.right) {
      if (visit(event, index) === 'stop') return E.right(undefined);
      index += 1;
    }
    if (!more) return E.right(undefined);
  }
}
