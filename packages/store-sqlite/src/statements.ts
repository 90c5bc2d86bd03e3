import type Database from 'better-sqlite3';
import { EVENT_COLUMNS, type EventValues } from '@csp-onprem/engine';

/** The statements the store reads with, prepared once when the file is opened (appends prepare their own). */
export interface Statements {
  readonly readStream: Database.Statement<[string], EventValues>;
  readonly readAll: Database.Statement<[number, number], EventValues>;
}

/** Prepares the store's statements on an open database. */
export function prepareStatements(db: Database.Database): Statements {
  return {
    // Raw rows (arrays of values): the driver builds no object per row for reads of many rows.
    readStream: db.prepare<[string], EventValues>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY version`).raw(),
    readAll: db.prepare<[number, number], EventValues>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
  };
}
