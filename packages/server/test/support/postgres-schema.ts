import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test database (PGURL), as every PostgreSQL test of the repository finds it. */
export const PGURL = process.env['PGURL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name of its own for one test run. */
export function freshSchema(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** The connection string with another host and port (to go through a proxy). */
export function throughPort(connectionString: string, port: number): string {
  const url = new URL(connectionString);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

/** Drops a test schema. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PGURL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
