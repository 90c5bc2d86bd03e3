import Database from 'better-sqlite3';
import pg from 'pg';
import type { EventRow } from '@csp-onprem/engine';
import type { StoreTarget } from './store-target.js';

/** A row of the events table, read directly: the JSON columns still as text. */
export type RawRow = EventRow & { readonly position: number };

const COLUMNS = 'position, event_id, stream_id, version, type, data, meta, prev_hash, hash';
const PAGE = 5000;

/**
 * Every row of a durable store's events table in position order, read with the driver
 * directly (better-sqlite3 or pg), in pages: what a hand-written reader would do.
 */
export async function* rawRows(target: StoreTarget): AsyncGenerator<RawRow[]> {
  if (target.kind === 'sqlite') {
    const db = new Database(target.path, { readonly: true });
    try {
      let page: RawRow[] = [];
      for (const row of db.prepare<[], RawRow>(`SELECT ${COLUMNS} FROM events ORDER BY position`).iterate()) {
        page.push(row);
        if (page.length === PAGE) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    } finally {
      db.close();
    }
    return;
  }
  if (target.kind === 'postgres') {
    const client = new pg.Client({ connectionString: target.connectionString });
    await client.connect();
    try {
      let after = 0;
      for (;;) {
        const result = await client.query<RawRow>(
          `SELECT ${COLUMNS} FROM "${target.schema}".events WHERE position > $1 ORDER BY position LIMIT ${PAGE}`,
          [after],
        );
        if (result.rows.length === 0) return;
        const rows = result.rows.map((row) => ({ ...row, position: Number(row.position) }));
        yield rows;
        after = (rows[rows.length - 1] as RawRow).position;
        if (rows.length < PAGE) return;
      }
    } finally {
      await client.end();
    }
  }
  throw new Error('raw rows are read from durable stores only');
}
