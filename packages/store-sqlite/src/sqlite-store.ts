import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import {
  appendMisfit,
  eventFromRow,
  storeUnavailable,
  versionConflict,
  type AppendResult,
  type EventStore,
  type StoreError,
  type StoreUnavailableError,
  type StoredEvent,
} from '@csp-onprem/engine';
import { isTransientOpenFailure, openDatabase, type SynchronousLevel } from './open-database.js';
import { toParams, type EventParams } from './rows.js';
import { prepareStatements, type Statements } from './statements.js';
import { sqliteProjectionState } from './projection-state.js';

/** Where the SQLite event store keeps its file and how it waits and syncs. */
export interface SqliteStoreOptions {
  /** The database file; created with its schema on first use. Its directory must exist. */
  readonly path: string;
  /** How long an append waits for another connection's write lock before `StoreUnavailable`; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** SQLite's `synchronous` pragma; default `FULL`, so a committed append survives a power cut. */
  readonly synchronous?: SynchronousLevel;
}

type AppendOutcome = { readonly ok: true; readonly positions: number[] } | { readonly ok: false; readonly actualVersion: number };

interface OpenStore {
  readonly db: Database.Database;
  readonly statements: Statements;
  readonly append: (streamId: string, expectedVersion: number, rows: readonly EventParams[]) => AppendOutcome;
}

function isStreamVersionClash(cause: unknown): boolean {
  return (
    cause instanceof Database.SqliteError &&
    cause.code.startsWith('SQLITE_CONSTRAINT') &&
    cause.message.includes('events.stream_id') &&
    cause.message.includes('events.version')
  );
}


function pageLimit(limit: number): number {
  if (Number.isNaN(limit) || limit <= 0) return 0;
  // SQLite reads a negative LIMIT as "no limit".
  return Number.isFinite(limit) ? Math.floor(limit) : -1;
}

/**
 * The embedded durable event store: one SQLite file in WAL mode, one `BEGIN IMMEDIATE`
 * transaction per append. The file is opened on first use, so a bad path answers
 * `StoreUnavailable` from the first call instead of throwing here. Several processes may
 * append to the same file; a writer waits up to `busyTimeoutMs` for the lock. Reads and
 * appends run synchronously on the caller's thread (better-sqlite3), so that wait blocks the
 * event loop; keep the timeout short where latency matters.
 */
export function sqliteStore(options: SqliteStoreOptions): EventStore {
  const { path } = options;
  const name = `sqlite:${path}`;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  let opened: OpenStore | undefined;
  let opening: Promise<E.Either<StoreUnavailableError, OpenStore>> | undefined;
  let closed = false;

  function openStore(): OpenStore {
    const db = openDatabase({ path, busyTimeoutMs, synchronous: options.synchronous ?? 'FULL' });
    try {
      const statements = prepareStatements(db);
      const append = db.transaction((streamId: string, expectedVersion: number, rows: readonly EventParams[]): AppendOutcome => {
        const actualVersion = statements.streamVersion.get(streamId) ?? 0;
        if (actualVersion !== expectedVersion) return { ok: false, actualVersion };
        return { ok: true, positions: rows.map((row) => Number(statements.insert.run(row).lastInsertRowid)) };
      });
      return { db, statements, append: (...args) => append.immediate(...args) };
    } catch (cause) {
      db.close();
      throw cause;
    }
  }

  // Retries a lock clash while opening for up to busyTimeoutMs. A failure is not
  // remembered: a directory created later lets the next call succeed.
  async function openWithRetry(): Promise<E.Either<StoreUnavailableError, OpenStore>> {
    const deadline = Date.now() + busyTimeoutMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return E.right(openStore());
      } catch (cause) {
        if (!isTransientOpenFailure(cause) || Date.now() >= deadline) return E.left(storeUnavailable(`${name}: cannot open`, cause));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 ** attempt) * (0.5 + Math.random())));
    }
  }

  async function use(): Promise<E.Either<StoreUnavailableError, OpenStore>> {
    if (closed) return E.left(storeUnavailable(name, 'the store is closed'));
    if (opened !== undefined) return E.right(opened);
    opening ??= openWithRetry().finally(() => {
      opening = undefined;
    });
    const result = await opening;
    if (E.isLeft(result)) return result;
    if (closed) {
      // close() ran while the file was being opened.
      if (result.right.db.open) result.right.db.close();
      return E.left(storeUnavailable(name, 'the store is closed'));
    }
    opened = result.right;
    return result;
  }

  function currentVersion(store: OpenStore, streamId: string): E.Either<StoreUnavailableError, number> {
    try {
      return E.right(store.statements.streamVersion.get(streamId) ?? 0);
    } catch (cause) {
      return E.left(storeUnavailable(`${name}: reading the version of ${streamId}`, cause));
    }
  }

  const projections = sqliteProjectionState(name, async () => {
    const store = await use();
    return E.isLeft(store) ? store : E.right(store.right.db);
  });

  return {
    name,
    projections,
    async readStream(streamId): Promise<E.Either<StoreUnavailableError, StoredEvent[]>> {
      const store = await use();
      if (E.isLeft(store)) return store;
      try {
        return E.right(store.right.statements.readStream.all(streamId).map(eventFromRow));
      } catch (cause) {
        return E.left(storeUnavailable(`${name}: reading ${streamId}`, cause));
      }
    },
    async appendToStream(streamId, expectedVersion, events): Promise<E.Either<StoreError, AppendResult>> {
      const store = await use();
      if (E.isLeft(store)) return store;
      const problem = appendMisfit(streamId, expectedVersion, events);
      if (problem !== undefined) return E.left(storeUnavailable(`${name}: appending to ${streamId}`, problem));
      try {
        const outcome = store.right.append(streamId, expectedVersion, events.map(toParams));
        if (!outcome.ok) return E.left(versionConflict(streamId, expectedVersion, outcome.actualVersion));
        return E.right({ streamId, version: expectedVersion + events.length, positions: outcome.positions });
      } catch (cause) {
        if (isStreamVersionClash(cause)) {
          const actual = currentVersion(store.right, streamId);
          return E.isLeft(actual) ? actual : E.left(versionConflict(streamId, expectedVersion, actual.right));
        }
        return E.left(storeUnavailable(`${name}: appending to ${streamId}`, cause));
      }
    },
    async readAll({ after, limit }): Promise<E.Either<StoreUnavailableError, StoredEvent[]>> {
      const store = await use();
      if (E.isLeft(store)) return store;
      try {
        const from = Number.isFinite(after) ? after : after > 0 ? Number.MAX_SAFE_INTEGER : 0;
        return E.right(store.right.statements.readAll.all(from, pageLimit(limit)).map(eventFromRow));
      } catch (cause) {
        return E.left(storeUnavailable(`${name}: reading the global order`, cause));
      }
    },
    async close() {
      closed = true;
      const store = opened;
      opened = undefined;
      try {
        store?.db.close();
      } catch {
        // Closing never fails the caller: the handle is gone either way.
      }
    },
  };
}
