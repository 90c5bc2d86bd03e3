import type { Pool } from 'pg';
import { dataKeyTables } from './data-keys.js';
import { inTransaction } from './transactions.js';

/** The schema version this package writes, recorded in the `schema_version` table. */
export const SCHEMA_VERSION = 2;

/** The schema used when none is given. */
export const DEFAULT_SCHEMA = 'csp_onprem';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a schema name and returns it quoted for SQL. Only lower-case letters, digits and
 * underscores are allowed, so the name is the same quoted or not and needs no escaping.
 */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new RangeError(`schema must be 1 to 63 lower-case letters, digits or underscores, starting with a letter or underscore, not ${JSON.stringify(schema)}`);
  }
  return `"${schema}"`;
}

// `seq` is the insert order; `position` is the global order, stamped after commit by the
// sequencer (see sequencer.ts). data and meta are TEXT, not jsonb: the hash chain covers
// the exact JSON, and an edited row must come back byte for byte so verify can flag it.
function schemaV1(s: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${s}.events (
  seq       bigserial PRIMARY KEY,
  stream_id text    NOT NULL,
  version   integer NOT NULL CHECK (version >= 1),
  event_id  text    NOT NULL UNIQUE,
  type      text    NOT NULL,
  data      text    NOT NULL,
  meta      text    NOT NULL,
  prev_hash text    NOT NULL,
  hash      text    NOT NULL,
  tx_id     xid8    NOT NULL DEFAULT pg_current_xact_id(),
  position  bigint  NULL UNIQUE,
  CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);
CREATE INDEX IF NOT EXISTS events_unstamped ON ${s}.events (tx_id, seq) WHERE position IS NULL;
CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
  name     text   PRIMARY KEY,
  position bigint NOT NULL CHECK (position >= 0)
);
CREATE TABLE IF NOT EXISTS ${s}.projection_documents (
  name text NOT NULL,
  key  text NOT NULL,
  doc  text NOT NULL,
  PRIMARY KEY (name, key)
);`;
}

async function installedVersion(pool: Pool, schema: string, quoted: string): Promise<number | undefined> {
  const table = await pool.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`${quoted}.schema_version`]);
  if (table.rows[0]?.found == null) return undefined;
  const version = await pool.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${quoted}.schema_version`);
  const found = version.rows[0]?.version ?? undefined;
  if (found !== undefined && found > SCHEMA_VERSION) {
    throw new Error(`schema ${schema} has event store schema version ${found}; this version of @csp-onprem/store-postgres reads up to ${SCHEMA_VERSION}`);
  }
  return found;
}

/**
 * Throws unless the schema already holds this package's tables at the version it writes: the
 * check a store runs instead of {@link migrate} when it must not create or change anything
 * (a mistyped schema name then fails instead of starting an empty log).
 */
export async function requireInstalled(pool: Pool, schema: string): Promise<void> {
  const quoted = quoteSchema(schema);
  const version = await installedVersion(pool, schema, quoted);
  const events = await pool.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`${quoted}.events`]);
  if (version === undefined || events.rows[0]?.found == null) {
    throw new Error(`schema ${schema} holds no csp-onprem event store (no schema_version with a version, or no events table): run migrate() first`);
  }
  if (version < SCHEMA_VERSION) {
    throw new Error(`schema ${schema} has event store schema version ${version}; run migrate() to bring it to ${SCHEMA_VERSION}`);
  }
}

/**
 * Creates the schema, tables and indexes if they are missing and records the version.
 * Idempotent. When the schema is already current it only reads, so an application role
 * without CREATE rights can run against tables a DBA created. Otherwise the DDL runs in one
 * transaction under an advisory lock, so processes starting together do not race on
 * `CREATE ... IF NOT EXISTS` (which is not safe against a concurrent create). Throws when the
 * database cannot be used; the caller turns that into `StoreUnavailable`.
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  const s = quoteSchema(schema);
  if ((await installedVersion(pool, schema, s)) === SCHEMA_VERSION) return;
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`csp-onprem migrate ${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const current = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${s}.schema_version`);
    const version = current.rows[0]?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new Error(`schema ${schema} has event store schema version ${version}; this version of @csp-onprem/store-postgres reads up to ${SCHEMA_VERSION}`);
    }
    // Later versions add their steps here, each guarded by `version < n`.
    if (version < 1) {
      await client.query(schemaV1(s));
      await client.query(`INSERT INTO ${s}.schema_version (version) VALUES (1) ON CONFLICT (version) DO NOTHING`);
    }
    // Version 2: the tenants' data keys, wrapped under the platform's key-encryption key.
    if (version < 2) {
      await client.query(dataKeyTables(s));
      await client.query(`INSERT INTO ${s}.schema_version (version) VALUES (2) ON CONFLICT (version) DO NOTHING`);
    }
  });
}
