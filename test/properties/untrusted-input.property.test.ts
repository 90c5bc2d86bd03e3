import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { auditCsv, auditHtml, auditJson, collectTrail, replayLines, replayLog } from '@csp-onprem/cli';
import { inMemoryStore, type EventStore } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { describeUntrustedInputContract, type LogExports } from '@csp-onprem/testing';
import { freshTestSchema, PG_URL, type TestSchema } from '../concurrency/postgres-schema.js';

/** The whole log exported with the CLI's own functions, as `csp-onprem export` writes it, and replayed as `csp-onprem replay` prints it. */
async function exportLog(store: EventStore): Promise<LogExports> {
  const trail = await collectTrail(store);
  if (E.isLeft(trail)) throw new Error(trail.left.message);
  const replay = await replayLog(store, { kind: 'instant', instant: new Date('2030-01-01T00:00:00.000Z') });
  if (E.isLeft(replay)) throw new Error(replay.left.message);
  return { json: auditJson(trail.right), csv: auditCsv(trail.right.entries), html: auditHtml(trail.right), text: replayLines(replay.right).join('\n') };
}

describe('untrusted input, on every store', () => {
  describeUntrustedInputContract('the in-memory store', async () => inMemoryStore(), { exportLog });

  describe('on SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csp-untrusted-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    describeUntrustedInputContract('SQLite (a file in a temp dir)', async () => sqliteStore({ path: join(dir, 'log.db') }), { exportLog });
  });

  describe('on PostgreSQL', () => {
    let schema: TestSchema | undefined;
    after(async () => schema?.drop());
    describeUntrustedInputContract(
      'PostgreSQL (a schema of its own)',
      async () => {
        schema = await freshTestSchema('untrusted');
        return postgresStore({ connectionString: PG_URL }, { schema: schema.name, poolSize: 4 });
      },
      { exportLog },
    );
  });
});
