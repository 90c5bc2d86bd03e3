import * as E from 'fp-ts/lib/Either.js';
import { storeUnavailable, type EventStore, type StoreUnavailableError } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';

/**
 * Opens the embedded SQLite store at `dbPath` (the file is created if missing) and reads
 * from it once, so that a path that cannot be opened answers `StoreUnavailable` here,
 * before anything is printed or written.
 */
export async function openStore(dbPath: string): Promise<E.Either<StoreUnavailableError, EventStore>> {
  let store: EventStore;
  try {
    store = sqliteStore({ path: dbPath });
  } catch (cause) {
    return E.left(storeUnavailable(`sqlite:${dbPath}`, cause));
  }
  const probe = await store.readAll({ after: 0, limit: 1 });
  if (E.isLeft(probe)) {
    await store.close();
    return probe;
  }
  return E.right(store);
}
