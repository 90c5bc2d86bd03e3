import type Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { DATA_KEY_COLUMNS, dataKeyFromRow, storeUnavailable, type DataKeyLookup, type DataKeyRow, type DataKeyStore, type StoreUnavailableError, type WrappedDataKey } from '@csp-onprem/engine';
import type { UseDatabase } from './projection-state.js';

/** The statements a data-key call runs, prepared once per open database. */
interface DataKeyStatements {
  readonly byTenant: Database.Statement<[string], DataKeyRow>;
  readonly byId: Database.Statement<[string], DataKeyRow>;
  readonly destroyedAt: Database.Statement<[string], string>;
}

/**
 * The prepared statements of a database that has the data-key tables, or `undefined` for one
 * that has none (a read-only store of an older schema): looked up once per handle, since a
 * store's tables never go away while it is open.
 */
const prepared = new WeakMap<Database.Database, DataKeyStatements | undefined>();
function statementsOf(db: Database.Database): DataKeyStatements | undefined {
  if (prepared.has(db)) return prepared.get(db);
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_keys'").get() !== undefined;
  const statements = exists
    ? {
        byTenant: db.prepare<[string], DataKeyRow>(`SELECT ${DATA_KEY_COLUMNS} FROM data_keys WHERE tenant_id = ?`),
        byId: db.prepare<[string], DataKeyRow>(`SELECT ${DATA_KEY_COLUMNS} FROM data_keys WHERE key_id = ?`),
        destroyedAt: db.prepare<[string], string>('SELECT destroyed_at FROM destroyed_data_keys WHERE key_id = ?').pluck(),
      }
    : undefined;
  prepared.set(db, statements);
  return statements;
}

/**
 * Runs `work` with SQLite's `secure_delete` on, so that the cells and pages it frees are
 * overwritten with zeros, then copies the write-ahead log into the file and truncates it, so
 * the old bytes are gone from the `-wal` file too. Readers in other processes can hold the
 * log back; the next checkpoint then finishes the job.
 */
function wiping<A>(db: Database.Database, work: () => A): A {
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  let result: A;
  try {
    result = work();
  } finally {
    db.pragma(`secure_delete = ${before}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}

/**
 * The tenants' data keys in the event store's own file: `data_keys` (one wrapped key per
 * tenant) and `destroyed_data_keys` (the ids of destroyed keys, no key material). Destroying
 * and rewrapping overwrite the old bytes and truncate the write-ahead log.
 */
export function sqliteDataKeys(name: string, use: UseDatabase, readOnly = false): DataKeyStore {
  async function run<A>(what: string, absent: A, work: (db: Database.Database, statements: DataKeyStatements) => A, writes = false): Promise<E.Either<StoreUnavailableError, A>> {
    const db = await use();
    if (E.isLeft(db)) return db;
    if (writes && readOnly) return E.left(storeUnavailable(`${name}: ${what}`, 'the store was opened read-only'));
    try {
      const statements = statementsOf(db.right);
      return E.right(statements === undefined ? absent : work(db.right, statements));
    } catch (cause) {
      return E.left(storeUnavailable(`${name}: ${what}`, cause));
    }
  }

  return {
    forTenant: (tenantId) =>
      run(`reading the data key of ${tenantId}`, undefined, (_db, statements) => {
        const row = statements.byTenant.get(tenantId);
        return row === undefined ? undefined : dataKeyFromRow(row);
      }),
    byId: (keyId) =>
      run(`reading data key ${keyId}`, { kind: 'unknown' } as DataKeyLookup, (_db, statements): DataKeyLookup => {
        const row = statements.byId.get(keyId);
        if (row !== undefined) return { kind: 'live', key: dataKeyFromRow(row) };
        const destroyedAt = statements.destroyedAt.get(keyId);
        return destroyedAt === undefined ? { kind: 'unknown' } : { kind: 'destroyed', destroyedAt };
      }),
    create: (key) =>
      run(`keeping a data key of ${key.tenantId}`, key, (db, statements) => {
        const insert = db.prepare(`INSERT INTO data_keys (${DATA_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING`);
        // One write transaction: the first process to insert wins, the others read its key.
        const row = db
          .transaction(() => {
            insert.run(key.keyId, key.tenantId, key.kekId, Buffer.from(key.wrapped), key.createdAt);
            return statements.byTenant.get(key.tenantId);
          })
          .immediate();
        if (row === undefined) throw new Error(`the data key of ${key.tenantId} was neither kept nor found`);
        return dataKeyFromRow(row);
      }, true),
    rewrap: (keyId, fromKekId, to) =>
      run(`rewrapping data key ${keyId}`, false, (db) =>
        wiping(db, () => db.prepare('UPDATE data_keys SET kek_id = ?, wrapped = ? WHERE key_id = ? AND kek_id = ?').run(to.kekId, Buffer.from(to.wrapped), keyId, fromKekId).changes === 1),
        true,
      ),
    list: (afterKeyId, limit) =>
      run('listing data keys', [] as WrappedDataKey[], (db) => {
        const rows = (
          afterKeyId === undefined
            ? db.prepare(`SELECT ${DATA_KEY_COLUMNS} FROM data_keys ORDER BY key_id LIMIT ?`).all(Math.max(0, Math.floor(limit)))
            : db.prepare(`SELECT ${DATA_KEY_COLUMNS} FROM data_keys WHERE key_id > ? ORDER BY key_id LIMIT ?`).all(afterKeyId, Math.max(0, Math.floor(limit)))
        ) as DataKeyRow[];
        return rows.map(dataKeyFromRow);
      }),
    destroyTenant: (tenantId, destroyedAt) =>
      run(`destroying the data keys of ${tenantId}`, [] as string[], (db) =>
        wiping(db, () =>
          db
            .transaction(() => {
              const keyIds = db.prepare('SELECT key_id FROM data_keys WHERE tenant_id = ?').pluck().all(tenantId) as string[];
              const tombstone = db.prepare('INSERT INTO destroyed_data_keys (key_id, tenant_id, destroyed_at) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING');
              for (const keyId of keyIds) tombstone.run(keyId, tenantId, destroyedAt);
              db.prepare('DELETE FROM data_keys WHERE tenant_id = ?').run(tenantId);
              return keyIds;
            })
            .immediate(),
        ),
        true,
      ),
  };
}
