import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import type { EventRecord, StoreUnavailableError } from '@csp-onprem/engine';
import { postgresStore, type PostgresStore } from '@csp-onprem/store-postgres';
import { chainedRecords } from '@csp-onprem/testing';
import { insertRaw, waitUntilBlocked } from './raw-events.js';
import { DATABASE_URL, left, right, urlWithApplicationName, useTestDatabase } from './test-database.js';

function unavailable(result: E.Either<{ readonly code: string }, unknown>): StoreUnavailableError {
  const failure = left(result);
  expect(failure.code).to.equal('StoreUnavailable');
  return failure as StoreUnavailableError;
}

describe('the PostgreSQL store when the database fails', () => {
  const db = useTestDatabase();

  async function sessionsOf(applicationName: string): Promise<number[]> {
    const rows = await db.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    return rows.rows.map((row) => row.pid);
  }

  // The pids are read first and ended one by one: a single `WHERE name = $1 AND
  // pg_terminate_backend(pid)` leaves the planner free to call the function on every session.
  async function terminateSessionsOf(applicationName: string): Promise<number> {
    let ended = 0;
    for (const pid of await sessionsOf(applicationName)) {
      const result = await db.admin.query<{ ended: boolean }>('SELECT pg_terminate_backend($1::integer, 5000) AS ended', [pid]);
      if (result.rows[0]?.ended === true) ended += 1;
    }
    return ended;
  }

  function storeNamed(label: string, applicationName: string, options: { statementTimeoutMs?: number } = {}): PostgresStore {
    return db.open(label, options, urlWithApplicationName(applicationName));
  }

  it('answers StoreUnavailable with the cause from every method when no server listens', async () => {
    const store = postgresStore({ connectionString: 'postgres://postgres:pw@127.0.0.1:1/test' }, { connectionTimeoutMs: 2000 });
    try {
      const streamId = 'nobody-home';
      const failures = [
        unavailable(await store.migrate()),
        unavailable(await store.readStream(streamId)),
        unavailable(await store.appendToStream(streamId, 0, chainedRecords(streamId, 1))),
        unavailable(await store.readAll({ after: 0, limit: 10 })),
        unavailable(await store.projections.load('software-list')),
        unavailable(await store.projections.save('software-list', 0, 1, new Map())),
        unavailable(await store.projections.reset('software-list')),
      ];
      for (const failure of failures) {
        expect(failure.cause).to.match(/ECONNREFUSED/);
        expect(failure.message).to.include('postgres:127.0.0.1:1/test#csp_onprem').and.not.include('pw@');
      }
    } finally {
      await store.close();
    }
  });

  it('recovers on fresh connections after the server ends its sessions between two calls', async () => {
    const applicationName = `csp-terminated-${randomUUID()}`;
    const store = storeNamed('terminated', applicationName);
    const streamId = 'terminated-stream';
    const first = chainedRecords(streamId, 2);
    right(await store.appendToStream(streamId, 0, first));
    right(await store.readAll({ after: 0, limit: 10 }));
    expect(await terminateSessionsOf(applicationName), 'the store had sessions to end').to.be.greaterThan(0);

    const next = await store.readStream(streamId);
    if (E.isLeft(next)) expect(next.left.code, 'the call right after answers StoreUnavailable or succeeds').to.equal('StoreUnavailable');
    else expect(next.right).to.have.length(2);

    const more = chainedRecords(streamId, 1, { version: 2, hash: (first[1] as EventRecord).hash });
    right(await store.appendToStream(streamId, 2, more));
    expect(right(await store.readStream(streamId))).to.have.length(3);
    expect(await sessionsOf(applicationName), 'on new sessions').to.not.be.empty;
  });

  it('answers StoreUnavailable when a statement outlives the statement timeout, then works again', async () => {
    const store = storeNamed('timeout', `csp-timeout-${randomUUID()}`, { statementTimeoutMs: 300 });
    const schema = db.schema('timeout');
    right(await store.migrate());
    const client = await db.admin.connect();
    try {
      await client.query('BEGIN');
      await client.query(`LOCK TABLE "${schema}".events IN ACCESS EXCLUSIVE MODE`);
      const started = Date.now();
      const timedOut = unavailable(await store.readAll({ after: 0, limit: 10 }));
      expect(timedOut.cause).to.match(/statement timeout/);
      expect(Date.now() - started).to.be.below(5000);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    expect(right(await store.readAll({ after: 0, limit: 10 }))).to.deep.equal([]);
  });

  it('writes none of an append whose session is ended while it waits inside the database', async () => {
    const applicationName = `csp-mid-append-${randomUUID()}`;
    const store = storeNamed('mid_append', applicationName);
    const schema = db.schema('mid_append');
    const streamId = 'mid-append-stream';
    const first = chainedRecords(streamId, 1);
    right(await store.appendToStream(streamId, 0, first));
    const head = { version: 1, hash: (first[0] as EventRecord).hash };
    const theirs = chainedRecords(streamId, 2, head);

    const client = await db.admin.connect();
    let appending;
    try {
      // Another writer holds version 3 uncommitted, so the store's append of versions 2 to 4
      // writes version 2 and then waits on the unique key: a transaction caught half-way.
      await client.query('BEGIN');
      await insertRaw(client, schema, theirs[1] as EventRecord);
      appending = store.appendToStream(streamId, 1, chainedRecords(streamId, 3, head));
      await waitUntilBlocked(db.admin, `"${schema}".events`);
      expect(await terminateSessionsOf(applicationName)).to.be.greaterThan(0);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const outcome = left(await appending);
    // Tried once more on a fresh connection, the append finds the stream moved on.
    expect(['VersionConflict', 'StoreUnavailable']).to.include(outcome.code);
    const stored = right(await store.readStream(streamId));
    expect(stored.map((event) => event.eventId), 'only the first event and the other writer’s are there').to.deep.equal([
      (first[0] as EventRecord).eventId,
      (theirs[1] as EventRecord).eventId,
    ]);
  });

  it('ends its own pool on close, answers StoreUnavailable afterwards, and closes twice without error', async () => {
    const applicationName = `csp-close-${randomUUID()}`;
    const store = storeNamed('close', applicationName);
    right(await store.readAll({ after: 0, limit: 1 }));
    expect(await sessionsOf(applicationName)).to.not.be.empty;
    await store.close();
    await store.close();
    // The server ends a backend a moment after the client said goodbye.
    const deadline = Date.now() + 3000;
    while ((await sessionsOf(applicationName)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await sessionsOf(applicationName), 'no session left open').to.deep.equal([]);
    unavailable(await store.migrate());
    unavailable(await store.projections.load('software-list'));
    unavailable(await store.projections.save('software-list', 0, 1, new Map()));
    unavailable(await store.projections.reset('software-list'));
  });

  it('leaves a pool it was given open on close', async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    try {
      const store = postgresStore({ pool }, { schema: db.schema('given_pool') });
      const streamId = 'given-pool-stream';
      right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 1)));
      await store.close();
      unavailable(await store.readStream(streamId));
      const count = await pool.query<{ n: number }>(`SELECT count(*)::integer AS n FROM "${db.schema('given_pool')}".events`);
      expect(count.rows[0]?.n).to.equal(1);
    } finally {
      await pool.end();
    }
  });
});
