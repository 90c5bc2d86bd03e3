import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countSqliteEventRows } from '../concurrency/sqlite-rows.js';
import { crashProof } from './crash-proof.js';

describe('Crash proof: a SQLite appender SIGKILLed at random moments', function () {
  let dir = '';
  crashProof('sqlite', {
    async setUp() {
      dir = mkdtempSync(join(tmpdir(), 'csp-crash-sqlite-'));
      return { target: { kind: 'sqlite', path: join(dir, 'csp.db') }, dir };
    },
    async countRows() {
      return countSqliteEventRows(join(dir, 'csp.db'));
    },
    async tearDown() {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
    },
  });
});
