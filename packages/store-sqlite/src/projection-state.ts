import type Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { storeUnavailable, type ProjectionStateStore, type StoreUnavailableError } from '@csp-onprem/engine';

/** How the projection state reaches an open database (opened lazily by the store). */
export type UseDatabase = () => Promise<E.Either<StoreUnavailableError, Database.Database>>;

/**
 * Projection checkpoints and documents in the event store's own file: `save` writes the
 * changed documents and moves the checkpoint in one `BEGIN IMMEDIATE` transaction, with a
 * compare-and-set on the checkpoint so two runners never overwrite each other's progress.
 */
export function sqliteProjectionState(name: string, use: UseDatabase): ProjectionStateStore {
  async function run<A>(what: string, work: (db: Database.Database) => A): Promise<E.Either<StoreUnavailableError, A>> {
    const db = await use();
    if (E.isLeft(db)) return db;
    try {
      return E.right(work(db.right));
    } catch (cause) {
      return E.left(storeUnavailable(`${name}: ${what}`, cause));
    }
  }

  return {
    load: (projection) =>
      run(`loading projection ${projection}`, (db) =>
        // One read transaction, so the checkpoint and documents are those one save wrote together.
        db.transaction(() => {
          // A file of an older store schema, opened read-only for an audit, has no such tables: it saved nothing.
          if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_documents'").get() === undefined) return { position: 0, documents: new Map<string, unknown>() };
          const checkpoint = db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').pluck().get(projection) as number | undefined;
          const documents = new Map<string, unknown>();
          // Row by row: the texts of a large read model are never all held at once beside their values.
          const rows = db.prepare('SELECT key, doc FROM projection_documents WHERE name = ?').iterate(projection) as IterableIterator<{ key: string; doc: string }>;
          for (const row of rows) documents.set(row.key, JSON.parse(row.doc));
          return { position: checkpoint ?? 0, documents };
        })(),
      ),
    save: (projection, fromPosition, position, changed) =>
      run(`saving projection ${projection}`, (db) => {
        const current = db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').pluck();
        const upsertDocument = db.prepare('INSERT INTO projection_documents (name, key, doc) VALUES (?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET doc = excluded.doc');
        const moveCheckpoint = db.prepare('INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
        return db
          .transaction((): boolean => {
            if (((current.get(projection) as number | undefined) ?? 0) !== fromPosition) return false;
            for (const [key, document] of changed) upsertDocument.run(projection, key, JSON.stringify(document));
            moveCheckpoint.run(projection, position);
            return true;
          })
          .immediate();
      }),
    reset: (projection) =>
      run(`resetting projection ${projection}`, (db) => {
        db.transaction(() => {
          db.prepare('DELETE FROM projection_documents WHERE name = ?').run(projection);
          db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(projection);
        }).immediate();
      }),
  };
}
