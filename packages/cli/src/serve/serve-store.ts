import * as E from 'fp-ts/lib/Either.js';
import { inMemoryStore, type EventStore } from '@csp-onprem/engine';
import { kurrentdbStore } from '@csp-onprem/store-kurrentdb';
import { postgresStore } from '@csp-onprem/store-postgres';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import type { StoreAddress } from '../address/store-address.js';
import { cannotProceed, reasonOf, type CliFailure } from '../cli-failure.js';

function storeAt(address: StoreAddress): EventStore {
  switch (address.kind) {
    case 'sqlite':
      return sqliteStore({ path: address.path });
    case 'postgres':
      return postgresStore({ connectionString: address.connectionString }, address.schema === undefined ? {} : { schema: address.schema });
    case 'kurrentdb':
      return kurrentdbStore({ connectionString: address.connectionString });
    case 'memory':
      return inMemoryStore();
  }
}

/** A store the service runs on, opened, and whether its log was empty. */
export interface OpenedServeStore {
  readonly store: EventStore;
  readonly empty: boolean;
}

/**
 * Opens the store a service runs on, creating it when missing (a SQLite file, a PostgreSQL
 * schema), and reads from it once, so that one that cannot be reached answers here in one line.
 */
export async function openServeStore(address: StoreAddress): Promise<E.Either<CliFailure, OpenedServeStore>> {
  let store: EventStore;
  try {
    store = storeAt(address);
  } catch (cause) {
    return E.left(cannotProceed(`cannot open the store: ${reasonOf(cause)}`));
  }
  const probe = await store.readAll({ after: 0, limit: 1 });
  if (E.isLeft(probe)) {
    await store.close();
    return E.left(cannotProceed(`${probe.left.code}: ${probe.left.message}`));
  }
  return E.right({ store, empty: probe.right.length === 0 });
}
