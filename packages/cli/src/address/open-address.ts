import { statSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { inMemoryStore, type EventStore } from '@csp-onprem/engine';
import { kurrentdbStore } from '@csp-onprem/store-kurrentdb';
import { postgresStore } from '@csp-onprem/store-postgres';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { cannotProceed, reasonOf, type CliFailure } from '../cli-failure.js';
import type { StoreAddress } from './store-address.js';

// An audit reads a log that exists: opening a SQLite path or a PostgreSQL schema that is not
// there would create an empty store and verify it as "ok". The path is checked here for a
// message in the CLI's words; a read-only store also refuses a SQLite file that holds no store
// and never writes the file, not even to upgrade an older store's schema.
function existingSqliteFile(path: string): E.Either<CliFailure, void> {
  try {
    if (!statSync(path).isFile()) return E.left(cannotProceed(`sqlite:${path} is not a file`));
    return E.right(undefined);
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    return E.left(cannotProceed(code === 'ENOENT' ? `sqlite:${path} does not exist (the audit commands never create a store)` : `sqlite:${path}: ${reasonOf(cause)}`));
  }
}

/**
 * How a command opens the store: read only (audits), to change it (shredding, rotation), or to
 * run on it, created when missing (a SQLite file, a PostgreSQL schema: the service).
 */
export type StoreAccess = 'read' | 'write' | 'create';

function sqliteAt(path: string, access: StoreAccess): E.Either<CliFailure, EventStore> {
  if (access === 'create') return E.right(sqliteStore({ path }));
  const exists = existingSqliteFile(path);
  return E.isLeft(exists) ? exists : E.right(sqliteStore(access === 'read' ? { path, readOnly: true } : { path, createIfMissing: false }));
}

function storeAt(address: StoreAddress, access: StoreAccess): E.Either<CliFailure, EventStore> {
  try {
    switch (address.kind) {
      case 'sqlite':
        return sqliteAt(address.path, access);
      case 'postgres': {
        const schema = address.schema === undefined ? {} : { schema: address.schema };
        return E.right(postgresStore({ connectionString: address.connectionString }, access === 'create' ? schema : { migrateOnFirstUse: false, ...schema }));
      }
      case 'kurrentdb':
        return E.right(kurrentdbStore({ connectionString: address.connectionString }));
      case 'memory':
        return E.right(inMemoryStore());
    }
  } catch (cause) {
    return E.left(cannotProceed(`cannot open the store: ${reasonOf(cause)}`));
  }
}

/** A store opened, and whether its log was empty then. */
export interface OpenedStore {
  readonly store: EventStore;
  readonly empty: boolean;
}

/**
 * Opens the store at an address as `access` says and reads from it once, so that a store that
 * cannot be reached answers here, in one line, before anything is printed.
 */
export async function openStoreAt(address: StoreAddress, access: StoreAccess): Promise<E.Either<CliFailure, OpenedStore>> {
  const opened = storeAt(address, access);
  if (E.isLeft(opened)) return opened;
  const store = opened.right;
  const probe = await store.readAll({ after: 0, limit: 1 });
  if (E.isLeft(probe)) {
    await store.close();
    return E.left(cannotProceed(`${probe.left.code}: ${probe.left.message}`));
  }
  return E.right({ store, empty: probe.right.length === 0 });
}

/** Opens the store at an address for an operator command: for reading unless `access` says otherwise (see {@link openStoreAt}). */
export async function openAuditStore(address: StoreAddress, access: StoreAccess = 'read'): Promise<E.Either<CliFailure, EventStore>> {
  const opened = await openStoreAt(address, access);
  return E.isLeft(opened) ? opened : E.right(opened.right.store);
}
