import type Database from 'better-sqlite3';
import { EVENT_COLUMNS, type EventValues } from '@csp-onprem/engine';
import type { EventParams } from './rows.js';

/** Every statement the store runs, prepared once when the file is opened. */
export interface Statements {
  readonly streamVersion: Database.Statement<[string], number>;
  readonly readStream: Database.Statement<[string], EventValues>;
  readonly readAll: Database.Statement<[number, number], EventValues>;
  readonly insert: Database.Statement<[EventParams], never>;
}

/** Prepares the store's statements on an open database. */
export function prepareStatements(db: Database.Database): Statements {
  return {
    streamVersion: db.prepare<[string], number>('SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?').pluck(),
    // Raw rows (arrays of values): the driver builds no object per row for reads of many rows.
    readStream: db.prepare<[string], EventValues>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY version`).raw(),
    readAll: db.prepare<[number, number], EventValues>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
    insert: db.prepare<[EventParams], never>(
      `INSERT INTO events (event_id, stream_id, version, type, data, meta, prev_hash, hash)
       VALUES (@event_id, @stream_id, @version, @type, @data, @meta, @prev_hash, @hash)`,
    ),
  };
}
