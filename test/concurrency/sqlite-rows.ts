import Database from 'better-sqlite3';

/** Rows in a SQLite store's events table, counted by SQL on the file itself (not through the store). */
export function countSqliteEventRows(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
