import type { EventStore } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { sqliteStore } from '@csp-onprem/store-sqlite';

/** Which real store a process opens: a SQLite file, or a PostgreSQL schema. */
export type StoreTarget =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string; readonly poolSize: number };

/** Opens the store a target names (lazily: nothing connects before the first call). */
export function openTarget(target: StoreTarget): EventStore {
  return target.kind === 'sqlite'
    ? sqliteStore({ path: target.path, busyTimeoutMs: 30_000 })
    : postgresStore({ connectionString: target.url }, { schema: target.schema, poolSize: target.poolSize, statementTimeoutMs: 30_000 });
}
