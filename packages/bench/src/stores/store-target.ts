import { inMemoryStore, type EventStore } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { postgresStore } from '@csp-onprem/store-postgres';
import pg from 'pg';

/** Which store a measure runs on, and where its data lives. */
export type StoreTarget =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string };

/** The kinds of store the suite measures. */
export type StoreKind = StoreTarget['kind'];

/** Opens a store on its target; PostgreSQL pools get `poolSize` connections. */
export function openStore(target: StoreTarget, poolSize = 4): EventStore {
  switch (target.kind) {
    case 'memory':
      return inMemoryStore();
    case 'sqlite':
      return sqliteStore({ path: target.path });
    case 'postgres':
      return postgresStore({ connectionString: target.connectionString }, { schema: target.schema, poolSize, statementTimeoutMs: 120_000 });
  }
}

/** A short label for tables: `memory`, `SQLite`, `PostgreSQL`. */
export function storeLabel(kind: StoreKind): string {
  return kind === 'memory' ? 'memory' : kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
}

/** Runs one SQL statement on its own connection (schema drops, row counts). */
export async function withPg<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a benchmark schema and everything in it. */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new RangeError(`bad schema name ${schema}`);
  await withPg(connectionString, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}
