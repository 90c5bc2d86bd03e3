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
      const pageAfter = (after: number) => {
        const query = client.query<RawRow>(`SELECT ${COLUMNS} FROM "${target.schema}".events WHERE position > $1 ORDER BY position LIMIT ${PAGE}`, [after]);
        // Handled here too: a reader that stops early never awaits the page asked for last.
        query.catch(() => undefined);
        return query;
      };
      let next = pageAfter(0);
      for (;;) {
        const result = await next;
        const rows = result.rows.map((row) => ({ ...row, position: Number(row.position) }));
        const last = rows[rows.length - 1];
        const more = rows.length === PAGE && last !== undefined;
        // The next page is asked for before this one is folded, as the engine's verified pass does.
        if (more) next = pageAfter(last.position);
        if (rows.length > 0) yield rows;
        if (!more) return;
      }
    } finally {
      await client.end();
    }
  }
  throw new Error('raw rows are read from durable stores only');
}
