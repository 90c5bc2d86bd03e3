import { postgresStore } from '@csp-onprem/store-postgres';
import * as E from 'fp-ts/lib/Either.js';
import { rawRows } from '../stores/raw-rows.js';
import { withPg } from '../stores/store-target.js';
import { Stopwatch } from './chunks.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';

/**
 * Copies the log the engine wrote to SQLite into a fresh PostgreSQL schema, row by row and
 * byte for byte, with the same global positions: the full data set for PostgreSQL's replay,
 * verify and query measures, without running a million commands through PostgreSQL first.
 * Not a measure of the engine; its time is reported in the results file only.
 */
export async function copyToPostgres(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const { target, source } = spec;
  if (target.kind !== 'postgres' || source === undefined) throw new Error('copy-to-postgres needs a PostgreSQL target and a source');
  const store = postgresStore({ connectionString: target.connectionString }, { schema: target.schema });
  const migrated = await store.migrate();
  await store.close();
  if (E.isLeft(migrated)) throw new Error(migrated.left.message);
  const stopwatch = new Stopwatch();
  let rows = 0;
  await withPg(target.connectionString, async (client) => {
    await stopwatch.time(async () => {
      for await (const page of rawRows(source)) {
        const columns = ['position', 'event_id', 'stream_id', 'version', 'type', 'data', 'meta', 'prev_hash', 'hash'] as const;
        const values = columns.map((column) => page.map((row) => row[column]));
        await client.query(
          `INSERT INTO "${target.schema}".events (position, event_id, stream_id, version, type, data, meta, prev_hash, hash)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
          values,
        );
        rows += page.length;
      }
      await client.query(`ANALYZE "${target.schema}".events`);
    });
  });
  return throughputResult(spec, { operations: rows, events: rows, seconds: stopwatch.seconds, mismatches: { count: 0, first: [] } }, {
    details: {},
  });
}
