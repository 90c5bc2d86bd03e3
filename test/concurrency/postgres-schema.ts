import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests use; CI starts one. */
export const PG_URL = process.env['PGURL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** A schema of this run's own, and a small pool for the test's own SQL. */
export interface TestSchema {
  readonly name: string;
  readonly admin: pg.Pool;
  /** Drops the schema and ends the pool. */
  drop(): Promise<void>;
}

/**
 * Names a fresh schema for one run and checks that PostgreSQL answers; fails with a clear
 * message when it does not (these tests are never skipped: CI starts the server).
 */
export async function freshTestSchema(label: string): Promise<TestSchema> {
  const name = `csp_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2, connectionTimeoutMillis: 5000 });
  admin.on('error', () => undefined);
  try {
    await admin.query('SELECT 1');
  } catch (cause) {
    await admin.end().catch(() => undefined);
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`PostgreSQL is not reachable at ${withoutPassword(PG_URL)} (${reason}). Start it, or point PGURL at one: these tests need a real server.`);
  }
  return {
    name,
    admin,
    async drop() {
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Rows in the schema's events table, counted by SQL (not through the store), and those still without a position. */
export async function countEventRows(schema: TestSchema): Promise<{ rows: number; unpositioned: number }> {
  const result = await schema.admin.query<{ rows: number; unpositioned: number }>(
    `SELECT count(*)::int AS rows, count(*) FILTER (WHERE position IS NULL)::int AS unpositioned FROM "${schema.name}".events`,
  );
  return result.rows[0] ?? { rows: 0, unpositioned: 0 };
}
