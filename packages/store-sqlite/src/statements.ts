import type Database from 'better-sqlite3';
import type { EventRow } from '@csp-onprem/engine';
import type { EventParams } from './rows.js';

const COLUMNS = 'position, event_id, stream_id, version, type, data, meta, prev_hash, hash';

/** Every statement the store runs, prepared once when the file is opened. */
export interface Statements {
  readonly streamVersion: Database.Statement<[string], number>;
  readonly readStream: Database.Statement<[string], EventRow>;
  readonly readAll: Database.Statement<[number, number], EventRow>;
  readonly insert: Database.Statement<[EventParams], never>;
}

/** Prepares the store's statements on an open database. */
export function prepareStatements(db: Database.Database): Statements {
  return {
    streamVersion: db.prepare<[string], number>('SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?').pluck(),
    readStream: db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY version`),
    readAll: db.prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    insert: db.prepare<[EventParams], never>(
      `INSERT INTO events (event_id, stream_id, version, type, data, meta, prev_hash, hash)
       VALUES (@event_id, @stream_id, @version, @type, @data, @meta, @prev_hash, @hash)`,
    ),
  };
}
