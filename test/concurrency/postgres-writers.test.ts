import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concurrencyProof } from './concurrency-proof.js';
import { countEventRows, freshTestSchema, PG_URL, type TestSchema } from './postgres-schema.js';

describe('Concurrency proof: 8 writer processes, one connection each, on one PostgreSQL schema', function () {
  let dir = '';
  let schema: TestSchema | undefined;
  concurrencyProof('postgres', {
    async setUp() {
      schema = await freshTestSchema('concurrency');
      dir = mkdtempSync(join(tmpdir(), 'csp-concurrency-pg-'));
      return { target: { kind: 'postgres', url: PG_URL, schema: schema.name, poolSize: 1 }, outcomesDir: dir };
    },
    async countRows() {
      if (schema === undefined) throw new Error('no schema');
      const counted = await countEventRows(schema);
      if (counted.unpositioned !== 0) throw new Error(`${counted.unpositioned} rows still have no global position`);
      return counted.rows;
    },
    async tearDown() {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
      await schema?.drop();
    },
  });
});
