import Database from 'better-sqlite3';
import type { EventParams } from './rows.js';

/** One caller's append, checked and turned into rows, waiting for the next group commit. */
export interface AppendJob {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly rows: readonly EventParams[];
}

/** What became of one append of a committed batch; plain data, so a worker thread can send it. */
export type AppendVerdict =
  | { readonly kind: 'appended'; readonly positions: number[] }
  | { readonly kind: 'conflict'; readonly actualVersion: number }
  | { readonly kind: 'refused'; readonly reason: string };

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

/**
 * Builds the writer of group commits on an open database: one `BEGIN IMMEDIATE` transaction
 * per batch, each append in its own savepoint, so one append's conflict or refused row leaves
 * the others to commit. Throws when the batch as a whole failed (nothing of it is written).
 */
export function appendBatchWriter(db: Database.Database): (jobs: readonly AppendJob[]) => AppendVerdict[] {
  // Prepared here rather than shared with the reader's statements: the commit thread loads only this module's needs.
  const statements = {
    streamVersion: db.prepare<[string], number>('SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?').pluck(),
    insert: db.prepare<[EventParams], never>(
      `INSERT INTO events (event_id, stream_id, version, type, data, meta, prev_hash, hash)
       VALUES (@event_id, @stream_id, @version, @type, @data, @meta, @prev_hash, @hash)`,
    ),
  };
  // Called inside the batch's transaction, better-sqlite3 runs this in a SAVEPOINT.
  const appendInSavepoint = db.transaction(({ streamId, expectedVersion, rows }: AppendJob): AppendVerdict => {
    const actualVersion = statements.streamVersion.get(streamId) ?? 0;
    if (actualVersion !== expectedVersion) return { kind: 'conflict', actualVersion };
    return { kind: 'appended', positions: rows.map((row) => Number(statements.insert.run(row).lastInsertRowid)) };
  });
  const verdict = (job: AppendJob): AppendVerdict => {
    try {
      return appendInSavepoint(job);
    } catch (cause) {
      // SQLite may have rolled back the whole transaction (db.inTransaction is then false).
      if (!db.inTransaction || !isAppendFailure(cause)) throw cause;
      if (isStreamVersionClash(cause)) return { kind: 'conflict', actualVersion: statements.streamVersion.get(job.streamId) ?? 0 };
      return { kind: 'refused', reason: cause instanceof Error ? cause.message : String(cause) };
    }
  };
  const batch = db.transaction((jobs: readonly AppendJob[]): AppendVerdict[] => jobs.map(verdict));
  return (jobs) => batch.immediate(jobs);
}
