import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concurrencyProof } from './concurrency-proof.js';
import { countSqliteEventRows } from './sqlite-rows.js';

describe('Concurrency proof: 8 writer processes on one SQLite file', function () {
  let dir = '';
  concurrencyProof('sqlite', {
    async setUp() {
      dir = mkdtempSync(join(tmpdir(), 'csp-concurrency-sqlite-'));
      return { target: { kind: 'sqlite', path: join(dir, 'csp.db') }, outcomesDir: dir };
    },
    async countRows() {
      return countSqliteEventRows(join(dir, 'csp.db'));
    },
    async tearDown() {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    },
  });
});
