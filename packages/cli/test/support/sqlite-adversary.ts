import Database from 'better-sqlite3';
import { canonicalJson, recordHash } from '@csp-onprem/engine';

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: string;
  meta: string;
  prev_hash: string;
  hash: string;
}

/** What an adversary changes in one event: its data and metadata (parsed), returned changed. */
export type EventEdit = (event: { data: Record<string, unknown>; meta: Record<string, unknown>; type: string }) => void;

/** Runs `work` on the SQLite file with write access, as whoever can reach the database can. */
export function withDatabase<A>(path: string, work: (db: Database.Database) => A): A {
  const db = new Database(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/**
 * Edits one event of a stream in a SQLite log (the event at `position`) and recomputes the
 * stream's chain from there on, as an adversary who rewrites a purchase must do so that the
 * chain check alone still passes. Answers the positions rewritten.
 */
export function rewriteEvent(path: string, position: number, edit: EventEdit): number[] {
  return withDatabase(path, (db) => {
    const target = db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row | undefined;
    if (target === undefined) throw new Error(`no event at position ${position}`);
    const rows = db.prepare('SELECT * FROM events WHERE stream_id = ? AND version >= ? ORDER BY version').all(target.stream_id, target.version) as Row[];
    const update = db.prepare('UPDATE events SET data = ?, meta = ?, prev_hash = ?, hash = ? WHERE position = ?');
    let prevHash = target.prev_hash;
    db.transaction(() => {
      for (const row of rows) {
        const event = { data: JSON.parse(row.data) as Record<string, unknown>, meta: JSON.parse(row.meta) as Record<string, unknown>, type: row.type };
        if (row.position === position) edit(event);
        const hash = recordHash({ eventId: row.event_id, streamId: row.stream_id, version: row.version, type: row.type, data: event.data, meta: event.meta, prevHash });
        update.run(canonicalJson(event.data), canonicalJson(event.meta), prevHash, hash, row.position);
        prevHash = hash;
      }
    })();
    return rows.map((row) => row.position);
  });
}

/** The position of the first event of a type (and of a stream whose id ends with `subscriptionId`, when given). */
export function positionOf(path: string, type: string, subscriptionId?: string): number {
  return withDatabase(path, (db) => {
    const rows = db.prepare('SELECT position, stream_id AS streamId FROM events WHERE type = ? ORDER BY position').all(type) as { position: number; streamId: string }[];
    const row = rows.find((r) => subscriptionId === undefined || r.streamId.endsWith(`/${subscriptionId}`));
    if (row === undefined) throw new Error(`no ${type} event${subscriptionId === undefined ? '' : ` of ${subscriptionId}`}`);
    return row.position;
  });
}

/** Swaps the positions of two events, as an adversary who reorders the log across purchases does (each chain still holds). */
export function swapPositions(path: string, a: number, b: number): void {
  withDatabase(path, (db) => {
    db.transaction(() => {
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      move.run(-1, a);
      move.run(a, b);
      move.run(b, -1);
    })();
  });
}
