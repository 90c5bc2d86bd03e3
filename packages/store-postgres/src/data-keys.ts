import type { Pool } from 'pg';
import { DATA_KEY_COLUMNS, dataKeyFromRow, type DataKeyLookup, type DataKeyRow, type WrappedDataKey } from '@csp-onprem/engine';
import { inTransaction } from './transactions.js';

/** The data-key operations on one schema, throwing on failure (the store maps errors). */
export interface DataKeySql {
  forTenant(pool: Pool, tenantId: string): Promise<WrappedDataKey | undefined>;
  byId(pool: Pool, keyId: string): Promise<DataKeyLookup>;
  create(pool: Pool, key: WrappedDataKey): Promise<WrappedDataKey>;
  rewrap(pool: Pool, keyId: string, fromKekId: string, to: { readonly kekId: string; readonly wrapped: Uint8Array }): Promise<boolean>;
  list(pool: Pool, afterKeyId: string | undefined, limit: number): Promise<WrappedDataKey[]>;
  destroyTenant(pool: Pool, tenantId: string, destroyedAt: string): Promise<string[]>;
}

/** The tables of schema version 2: wrapped data keys, and the ids of destroyed ones (no key material). */
export function dataKeyTables(s: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${s}.data_keys (
  key_id     text  PRIMARY KEY,
  tenant_id  text  NOT NULL UNIQUE,
  kek_id     text  NOT NULL,
  wrapped    bytea NOT NULL,
  created_at text  NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.destroyed_data_keys (
  key_id       text PRIMARY KEY,
  tenant_id    text NOT NULL,
  destroyed_at text NOT NULL
);`;
}

/** Builds the data-key operations for a schema name already checked and quoted. */
export function dataKeySql(s: string): DataKeySql {
  const selectByTenant = `SELECT ${DATA_KEY_COLUMNS} FROM ${s}.data_keys WHERE tenant_id = $1`;
  return {
    async forTenant(pool, tenantId) {
      const result = await pool.query<DataKeyRow>(selectByTenant, [tenantId]);
      const row = result.rows[0];
      return row === undefined ? undefined : dataKeyFromRow(row);
    },
    async byId(pool, keyId) {
      const live = await pool.query<DataKeyRow>(`SELECT ${DATA_KEY_COLUMNS} FROM ${s}.data_keys WHERE key_id = $1`, [keyId]);
      const row = live.rows[0];
      if (row !== undefined) return { kind: 'live', key: dataKeyFromRow(row) };
      const gone = await pool.query<{ destroyed_at: string }>(`SELECT destroyed_at FROM ${s}.destroyed_data_keys WHERE key_id = $1`, [keyId]);
      const destroyedAt = gone.rows[0]?.destroyed_at;
      return destroyedAt === undefined ? { kind: 'unknown' } : { kind: 'destroyed', destroyedAt };
    },
    async create(pool, key) {
      const inserted = await pool.query<DataKeyRow>(
        `INSERT INTO ${s}.data_keys (${DATA_KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO NOTHING RETURNING ${DATA_KEY_COLUMNS}`,
        [key.keyId, key.tenantId, key.kekId, Buffer.from(key.wrapped), key.createdAt],
      );
      const row = inserted.rows[0];
      if (row !== undefined) return dataKeyFromRow(row);
      // Another process's key won; a statement of its own sees it committed (the insert's snapshot did not).
      const winner = await pool.query<DataKeyRow>(selectByTenant, [key.tenantId]);
      const won = winner.rows[0];
      if (won === undefined) throw new Error(`the data key of ${key.tenantId} was neither kept nor found (destroyed at the same moment?): try again`);
      return dataKeyFromRow(won);
    },
    async rewrap(pool, keyId, fromKekId, to) {
      const result = await pool.query(`UPDATE ${s}.data_keys SET kek_id = $3, wrapped = $4 WHERE key_id = $1 AND kek_id = $2`, [keyId, fromKekId, to.kekId, Buffer.from(to.wrapped)]);
      return result.rowCount === 1;
    },
    async list(pool, afterKeyId, limit) {
      const result = await pool.query<DataKeyRow>(`SELECT ${DATA_KEY_COLUMNS} FROM ${s}.data_keys WHERE $1::text IS NULL OR key_id COLLATE "C" > $1 ORDER BY key_id COLLATE "C" LIMIT $2`, [
        afterKeyId ?? null,
        Math.max(0, Math.floor(limit)),
      ]);
      return result.rows.map(dataKeyFromRow);
    },
    async destroyTenant(pool, tenantId, destroyedAt) {
      return inTransaction(pool, async (client) => {
        const deleted = await client.query<{ key_id: string }>(`DELETE FROM ${s}.data_keys WHERE tenant_id = $1 RETURNING key_id`, [tenantId]);
        const keyIds = deleted.rows.map((row) => row.key_id);
        if (keyIds.length > 0) {
          await client.query(`INSERT INTO ${s}.destroyed_data_keys (key_id, tenant_id, destroyed_at) SELECT unnest($1::text[]), $2, $3 ON CONFLICT (key_id) DO NOTHING`, [
            keyIds,
            tenantId,
            destroyedAt,
          ]);
        }
        return keyIds;
      });
    },
  };
}
