import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate, requireStore } from './schema.js';
import type { SynchronousLevel } from './synchronous-level.js';

const SYNCHRONOUS_LEVELS: ReadonlySet<string> = new Set<SynchronousLevel>(['OFF', 'NORMAL', 'FULL', 'EXTRA']);

/** How to open the database file. */
export interface OpenOptions {
  readonly path: string;
  readonly busyTimeoutMs: number;
  readonly synchronous: SynchronousLevel;
  readonly createIfMissing: boolean;
  readonly readOnly: boolean;
}

class WalNotEnabledError extends Error {}

/**
 * Whether a failed open may succeed when tried again shortly: another connection held a lock.
 * Switching a new file to WAL needs an exclusive lock, and SQLite answers `SQLITE_BUSY` at
 * once, without waiting out the busy timeout, when two connections race to do it.
 */
export function isTransientOpenFailure(cause: unknown): boolean {
  return cause instanceof WalNotEnabledError || (cause instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(cause.code));
}

function openFile(path: string, busyTimeoutMs: number, mustExist: boolean, readOnly: boolean): Database.Database {
  try {
    return new Database(path, { timeout: busyTimeoutMs, fileMustExist: mustExist, readonly: readOnly });
  } catch (cause) {
    // SQLite says only "unable to open database file".
    if (mustExist && path !== ':memory:' && path !== '' && !existsSync(path)) {
      throw new Error(`the file does not exist, and ${readOnly ? 'readOnly is true' : 'createIfMissing is false'}: nothing was created`);
    }
    throw cause;
  }
}

function isSqliteCode(cause: unknown, codes: readonly string[]): boolean {
  return cause instanceof Database.SqliteError && codes.includes(cause.code);
}

/** `requireStore`, with the one failure a read-only connection adds put in plain words. */
function readsAStore(db: Database.Database, readOnly: boolean): void {
  try {
    requireStore(db);
  } catch (cause) {
    // The first read of a WAL database creates its -wal and -shm files when they are missing.
    if (readOnly && isSqliteCode(cause, ['SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY_CANTINIT'])) {
      throw new Error(`cannot read the file read-only: SQLite must create its -wal and -shm files beside it and cannot (${(cause as Error).message}); read it as a user who may write its directory, or read a copy`);
    }
    throw cause;
  }
}

function requireBoolean(value: boolean, what: string): void {
  if (typeof value !== 'boolean') throw new RangeError(`${what} must be true or false, not ${String(value)}`);
}

/**
 * Opens the file, switches it to WAL, sets the busy timeout and durability, and creates or
 * checks the schema (with `createIfMissing` false, the file must exist and hold a store).
 * Read-only, it only checks that the file holds a store: nothing is written, not even an
 * upgrade of an older schema. Throws on any failure, after closing what it opened.
 */
export function openDatabase({ path, busyTimeoutMs, synchronous, createIfMissing, readOnly }: OpenOptions): Database.Database {
  if (!SYNCHRONOUS_LEVELS.has(synchronous)) throw new RangeError(`synchronous must be one of ${[...SYNCHRONOUS_LEVELS].join(', ')}, not ${String(synchronous)}`);
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new RangeError(`busyTimeoutMs must be an integer >= 0, not ${String(busyTimeoutMs)}`);
  requireBoolean(createIfMissing, 'createIfMissing');
  requireBoolean(readOnly, 'readOnly');
  if (readOnly && createIfMissing) throw new RangeError('readOnly cannot create a file: leave createIfMissing unset or false');
  const mustExist = !createIfMissing;
  const db = openFile(path, busyTimeoutMs, mustExist, readOnly);
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // Checked before the switch to WAL, so that a file that is not a store is left as it was.
    if (mustExist) readsAStore(db, readOnly);
    if (readOnly) return db;
    // Only a file not yet in WAL needs the switch (and its exclusive lock).
    if (db.pragma('journal_mode', { simple: true }) !== 'wal' && !db.memory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new WalNotEnabledError(`the file cannot use WAL journal mode (it reports ${String(mode)})`);
    }
    db.pragma(`synchronous = ${synchronous}`);
    migrate(db);
    return db;
  } catch (cause) {
    db.close();
    throw cause;
  }
}
