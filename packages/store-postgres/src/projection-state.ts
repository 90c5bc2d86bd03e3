import type { Pool } from 'pg';
import type { SavedProjection } from '@csp-onprem/engine';
import { jsonText, parseStoredJson } from '@csp-onprem/engine';
import { inTransaction } from './transactions.js';

/** The projection-state operations on one schema, throwing on failure (the store maps errors). */
export interface ProjectionStateSql {
  load(pool: Pool, projection: string): Promise<SavedProjection>;
  save(pool: Pool, projection: string, fromPosition: number, position: number, changed: ReadonlyMap<string, unknown>): Promise<boolean>;
  reset(pool: Pool, projection: string): Promise<void>;
}

/** Documents read, or written, per round trip when a projection is loaded or saved. */
const DOCUMENTS_PER_PAGE = 2000;

/** The entries of a map in runs of at most `size`. */
function* chunksOf<K, V>(map: ReadonlyMap<K, V>, size: number): Generator<[K, V][]> {
  let chunk: [K, V][] = [];
  for (const entry of map) {
    chunk.push(entry);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Builds the projection-state operations for a schema name already checked and quoted. */
export function projectionStateSql(s: string): ProjectionStateSql {
  const checkpoints = `${s}.projection_checkpoints`;
  const documents = `${s}.projection_documents`;
  return {
    async load(pool, projection) {
      // One snapshot for the checkpoint and every page of documents: what one save wrote together.
      return inTransaction(
        pool,
        async (client) => {
          const checkpoint = await client.query<{ position: string }>(`SELECT position::text AS position FROM ${checkpoints} WHERE name = $1`, [projection]);
          const saved = new Map<string, unknown>();
          // Page by page in key order, so a large read model's texts are never all held at once beside their values.
          let after: string | undefined;
          for (;;) {
            const page = await client.query<{ key: string; doc: string }>(
              after === undefined
                ? `SELECT key, doc FROM ${documents} WHERE name = $1 ORDER BY key LIMIT ${DOCUMENTS_PER_PAGE}`
                : `SELECT key, doc FROM ${documents} WHERE name = $1 AND key > $2 ORDER BY key LIMIT ${DOCUMENTS_PER_PAGE}`,
              after === undefined ? [projection] : [projection, after],
            );
            for (const row of page.rows) saved.set(row.key, parseStoredJson(row.doc));
            const last = page.rows[page.rows.length - 1];
            if (last === undefined || page.rows.length < DOCUMENTS_PER_PAGE) break;
            after = last.key;
          }
          return { position: Number(checkpoint.rows[0]?.position ?? 0), documents: saved };
        },
        'ISOLATION LEVEL REPEATABLE READ, READ ONLY',
      );
    },

    async save(pool, projection, fromPosition, position, changed) {
      return inTransaction(pool, async (client) => {
        // Compare-and-set first: the row lock it takes makes a concurrent save of the same
        // projection wait, then re-check the condition against the committed checkpoint and
        // update nothing. The first save creates the row, which only a save from 0 may do.
        const moved =
          fromPosition === 0
            ? await client.query(
                `INSERT INTO ${checkpoints} AS c (name, position) VALUES ($1, $2)
                 ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position WHERE c.position = 0`,
                [projection, position],
              )
            : await client.query(`UPDATE ${checkpoints} SET position = $3 WHERE name = $1 AND position = $2`, [projection, fromPosition, position]);
        if (moved.rowCount !== 1) return false;
        // In chunks, serialised as they go: a catch-up's save may hold tens of thousands of
        // documents, whose texts need not all exist at once.
        for (const chunk of chunksOf(changed, DOCUMENTS_PER_PAGE)) {
          const keys: string[] = [];
          const docs: string[] = [];
          const removed: string[] = [];
          for (const [key, document] of chunk) {
            // A document that is no longer there (undefined) is deleted rather than stored.
            if (document === undefined) removed.push(key);
            else {
              keys.push(key);
              docs.push(jsonText(document, `projection ${projection}: document ${key}`));
            }
          }
          if (keys.length > 0) {
            await client.query(
              `INSERT INTO ${documents} (name, key, doc) SELECT $1, key, doc FROM unnest($2::text[], $3::text[]) AS d(key, doc)
               ON CONFLICT (name, key) DO UPDATE SET doc = EXCLUDED.doc`,
              [projection, keys, docs],
            );
          }
          if (removed.length > 0) await client.query(`DELETE FROM ${documents} WHERE name = $1 AND key = ANY($2::text[])`, [projection, removed]);
        }
        return true;
      });
    },

    async reset(pool, projection) {
      await pool.query(`WITH gone AS (DELETE FROM ${documents} WHERE name = $1) DELETE FROM ${checkpoints} WHERE name = $1`, [projection]);
    },
  };
}
