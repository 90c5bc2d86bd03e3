import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countEventRows, freshTestSchema, PG_URL, type TestSchema } from '../concurrency/postgres-schema.js';
import { crashProof } from './crash-proof.js';

describe('Crash proof: a PostgreSQL appender SIGKILLed at random moments', function () {
  let dir = '';
  let schema: TestSchema | undefined;
  crashProof('postgres', {
    async setUp() {
      schema = await freshTestSchema('crash');
      dir = mkdtempSync(join(tmpdir(), 'csp-crash-pg-'));
      return { target: { kind: 'postgres', url: PG_URL, schema: schema.name, poolSize: 2 }, dir };
    },
    async countRows() {
      if (schema === undefined) throw new Error('no schema');
      const counted = await countEventRows(schema);
      if (counted.unpositioned !== 0) throw new Error(`${counted.unpositioned} rows still have no global position after a full read`);
      return counted.rows;
    },
    async tearDown() {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
      await schema?.drop();
    },
  });
});
