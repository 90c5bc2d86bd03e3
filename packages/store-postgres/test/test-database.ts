import { randomBytes } from 'node:crypto';
import pg from 'pg';
import * as E from 'fp-ts/lib/Either.js';
import { postgresStore, type PostgresStore, type PostgresStoreOptions } from '@csp-onprem/store-postgres';

/** The server the tests use; CI starts one. */
export const DATABASE_URL = process.env['PGURL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** A test file's own corner of the database: schemas under one random prefix, dropped at the end. */
export interface TestDatabase {
  /** A pool for the test's own SQL (setup, inspection, competing transactions). */
  readonly admin: pg.Pool;
  /** A schema name under this run's prefix, for the given label. */
  schema(label: string): string;
  /** A store on `schema(label)`, closed after the file's tests. */
  open(label: string, options?: Omit<PostgresStoreOptions, 'schema'>, url?: string): PostgresStore;
}

/**
 * Registers `before`/`after` hooks for the enclosing `describe`: fails clearly when PostgreSQL
 * cannot be reached (these tests are not skipped), and drops every schema the file used.
 */
export function useTestDatabase(): TestDatabase {
  const prefix = `csp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 4, connectionTimeoutMillis: 5000 });
  admin.on('error', () => {});
  const opened: PostgresStore[] = [];

  before(async () => {
    try {
      await admin.query('SELECT 1');
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new Error(`PostgreSQL is not reachable at ${withoutPassword(DATABASE_URL)} (${reason}). Start it, or point PGURL at one: these tests need a real server.`);
    }
  });

  after(async () => {
    await Promise.all(opened.map((store) => store.close()));
    const schemas = await admin.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)", [prefix]);
    for (const { nspname } of schemas.rows) await admin.query(`DROP SCHEMA "${nspname}" CASCADE`);
    await admin.end();
  });

  return {
    admin,
    schema: (label) => `${prefix}_${label}`,
    open(label, options = {}, url = DATABASE_URL) {
      const store = postgresStore({ connectionString: url }, { ...options, schema: `${prefix}_${label}` });
      opened.push(store);
      return store;
    },
  };
}

/** A connection string like the tests' own with an application name added, to find the store's sessions. */
export function urlWithApplicationName(applicationName: string): string {
  const url = new URL(DATABASE_URL);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

/** Unwraps a Right, failing the test with the Left's code and message otherwise. */
export function right<A>(result: E.Either<{ readonly code: string; readonly message: string }, A>): A {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.code}: ${result.left.message}`);
  return result.right;
}

/** Unwraps a Left, failing the test when the result is a Right. */
export function left<L, A>(result: E.Either<L, A>): L {
  if (E.isRight(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.right)}`);
  return result.left;
}
