import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import {
  appendRefusal,
  checkOptions,
  eventFromRow,
  isHoldableText,
  storeUnavailable,
  versionConflict,
  type AppendResult,
  type EventStore,
  type StoreError,
  type StoreUnavailableError,
  type StoredEvent,
} from '@csp-onprem/engine';
import { isTransientOpenFailure, openDatabase } from './open-database.js';
import { SQLITE_STORE_OPTIONS } from './option-shapes.js';
import type { SynchronousLevel } from './synchronous-level.js';
import { toParams, type EventParams } from './rows.js';
import { groupCommit, type GroupCommit } from './group-commit.js';
import { prepareStatements, type Statements } from './statements.js';
import { sqliteProjectionState } from './projection-state.js';
import { sqliteDataKeys } from './data-keys.js';

/** Where the SQLite event store keeps its file and how it waits and syncs. */
export interface SqliteStoreOptions {
  /** The database file; created with its schema on first use unless `createIfMissing` is false. Its directory must exist. */
  readonly path: string;
  /** How long an append waits for another connection's write lock before `StoreUnavailable`; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** SQLite's `synchronous` pragma; default `FULL`, so a committed append survives a power cut. */
  readonly synchronous?: SynchronousLevel;
  /**
   * Whether the first call may create the file and its schema (default `true`). With `false`
   * the file must already exist and hold a store (an `events` table and a schema version this
   * package reads; an older store is still upgraded), and every call answers `StoreUnavailable`
   * otherwise, leaving the file as it was: a mistyped path fails instead of starting an empty
   * log. `:memory:` never holds a store.
   */
  readonly createIfMissing?: boolean;
  /**
   * Open the file read-only (default `false`): SQLite itself refuses every write, so reading
   * the log changes no byte of the file, not even to upgrade an older store's schema. The file
   * must exist and hold a store, as with `createIfMissing: false` (`createIfMissing: true` with
   * it is refused); appends answer `StoreUnavailable`, and the store keeps no projection state
   * (`projections` is absent), so an engine over it keeps its read models in memory. SQLite
   * creates the `-wal` and `-shm` files beside a WAL database to read it and leaves them; the
   * directory must be writable. For auditors, and for copies of a log that must stay as they are.
   */
  readonly readOnly?: boolean;
}

type AppendOutcome = { readonly ok: true; readonly positions: number[] } | { readonly ok: false; readonly actualVersion: number };

/** One caller's append, checked and turned into rows, waiting for the next group commit. */
interface AppendJob {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly rows: readonly EventParams[];
}

type AppendAnswer = E.Either<StoreError, AppendResult>;

// Bounds how long one flush holds the event loop: tens of µs of CPU per small append, plus
// one fsync, so a full batch is some milliseconds.
const MAX_APPENDS_PER_COMMIT = 256;

interface OpenStore {
  readonly db: Database.Database;
  readonly statements: Statements;
  readonly appends: GroupCommit<AppendJob, AppendAnswer>;
}

// A failure of one append's own rows, undone by rolling back to its savepoint; anything else
// (I/O, a full disk, a closed handle) fails the whole group commit.
function isAppendFailure(cause: unknown): boolean {
  return !(cause instanceof Database.SqliteError) || cause.code.startsWith('SQLITE_CONSTRAINT');
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
 * The embedded durable event store: one SQLite file in WAL mode. Appends issued in the same
 * event-loop turn share one `BEGIN IMMEDIATE` transaction and one commit (group commit), each
 * in its own savepoint, so one append's `VersionConflict` leaves the others to commit. The
 * file is opened on first use, so a bad path answers `StoreUnavailable` from the first call
 * instead of throwing here. Several processes may append to the same file; a writer waits up
 * to `busyTimeoutMs` for the lock. Reads and flushes run synchronously on the caller's thread
 * (better-sqlite3), so that wait blocks the event loop; keep the timeout short where latency
 * matters. An options key it does not take throws a `RangeError` here.
 */
export function sqliteStore(options: SqliteStoreOptions): EventStore {
  checkOptions(options, SQLITE_STORE_OPTIONS);
  const { path } = options;
  const name = `sqlite:${path}`;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  // Only undefined means the default: a null from a JSON configuration must not turn a check off.
  const readOnly = options.readOnly === undefined ? false : options.readOnly;
  const createIfMissing = options.createIfMissing === undefined ? !readOnly : options.createIfMissing;
  let opened: OpenStore | undefined;
  let opening: Promise<E.Either<StoreUnavailableError, OpenStore>> | undefined;
  let closed = false;

  function openStore(): OpenStore {
    const db = openDatabase({ path, busyTimeoutMs, synchronous: options.synchronous ?? 'FULL', createIfMissing, readOnly });
    try {
      const statements = prepareStatements(db);
      // Called inside the batch's transaction, better-sqlite3 runs this in a SAVEPOINT.
      const appendInSavepoint = db.transaction(({ streamId, expectedVersion, rows }: AppendJob): AppendOutcome => {
        const actualVersion = statements.streamVersion.get(streamId) ?? 0;
        if (actualVersion !== expectedVersion) return { ok: false, actualVersion };
        return { ok: true, positions: rows.map((row) => Number(statements.insert.run(row).lastInsertRowid)) };
      });
      const answer = (job: AppendJob): AppendAnswer => {
        const { streamId, expectedVersion, rows } = job;
        try {
          const outcome = appendInSavepoint(job);
          if (!outcome.ok) return E.left(versionConflict(streamId, expectedVersion, outcome.actualVersion));
          return E.right({ streamId, version: expectedVersion + rows.length, positions: outcome.positions });
        } catch (cause) {
          // SQLite may have rolled back the whole transaction (db.inTransaction is then false).
          if (!db.inTransaction || !isAppendFailure(cause)) throw cause;
          if (isStreamVersionClash(cause)) return E.left(versionConflict(streamId, expectedVersion, statements.streamVersion.get(streamId) ?? 0));
          return E.left(storeUnavailable(`${name}: appending to ${streamId}`, cause));
        }
      };
      const appendBatch = db.transaction((jobs: readonly AppendJob[]): AppendAnswer[] => jobs.map(answer));
      const appends = groupCommit<AppendJob, AppendAnswer>({
        maxBatch: MAX_APPENDS_PER_COMMIT,
        run: (jobs) => appendBatch.immediate(jobs),
        failed: (job, cause) => E.left(storeUnavailable(`${name}: appending to ${job.streamId}`, cause)),
      });
      return { db, statements, appends };
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

  const useDatabase = async (): Promise<E.Either<StoreUnavailableError, Database.Database>> => {
    const store = await use();
    return E.isLeft(store) ? store : E.right(store.right.db);
  };
  const projections = sqliteProjectionState(name, useDatabase);
  const dataKeys = sqliteDataKeys(name, useDatabase, readOnly);

  return {
    name,
    // A read-only store keeps no projection state: an engine over it keeps its read models in
    // memory, as over a store without any. An audit still reads what the file saved.
    ...(readOnly ? { savedReadModels: { load: projections.load } } : { projections }),
    // Read-only, it still tells which keys were shredded; writing a key answers StoreUnavailable.
    dataKeys,
    async readStream(streamId): Promise<E.Either<StoreUnavailableError, StoredEvent[]>> {
      const store = await use();
      if (E.isLeft(store)) return store;
      // SQLite would get a lone surrogate as bytes that read back as U+FFFD, and could match a
      // stream that holds those; no event is appended under such an id.
      if (!isHoldableText(streamId)) return E.right([]);
      try {
        return E.right(store.right.statements.readStream.all(streamId).map(eventFromRow));
      } catch (cause) {
        return E.left(storeUnavailable(`${name}: reading ${streamId}`, cause));
      }
    },
    async appendToStream(streamId, expectedVersion, events): Promise<E.Either<StoreError, AppendResult>> {
      const store = await use();
      if (E.isLeft(store)) return store;
      if (readOnly) return E.left(storeUnavailable(`${name}: appending to ${streamId}`, 'the store was opened read-only'));
      // SQLite would write a lone surrogate as bytes that read back as U+FFFD (the record would
      // no longer match its hash), and would keep a NUL that PostgreSQL refuses: both are
      // refused before anything is written, alike on every store.
      const refused = appendRefusal(name, streamId, expectedVersion, events);
      if (refused !== undefined) return E.left(refused);
      let rows: EventParams[];
      try {
        rows = events.map(toParams);
      } catch (cause) {
        return E.left(storeUnavailable(`${name}: appending to ${streamId}`, cause));
      }
      // close() may have run while this call waited for the open store.
      if (closed) return E.left(storeUnavailable(name, 'the store is closed'));
      // Answers only after the shared COMMIT has returned.
      return store.right.appends.submit({ streamId, expectedVersion, rows });
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
      // Appends already queued are committed (or answered StoreUnavailable) before the handle goes.
      store?.appends.drain();
      try {
        store?.db.close();
      } catch {
        // Closing never fails the caller: the handle is gone either way.
      }
    },
  };
}
