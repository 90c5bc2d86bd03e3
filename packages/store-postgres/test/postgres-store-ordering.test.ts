import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { EventRecord, StoredEvent } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { chainedRecords, type ChainHead } from '@csp-onprem/testing';
import { insertRaw, waitUntilBlocked } from './raw-events.js';
import { left, right, useTestDatabase } from './test-database.js';

function withoutPosition({ position, ...record }: StoredEvent): EventRecord {
  return record;
}

describe('the PostgreSQL store global order', () => {
  const db = useTestDatabase();

  it('never hands out a position past an event that a slower transaction commits later', async () => {
    // Not waiting for the slow transaction shows what a read finds while it is open.
    const store = db.open('late', { heldBackWaitMs: 0 });
    const schema = db.schema('late');
    const [early, slow, fast] = [chainedRecords('late-early', 1), chainedRecords('late-slow', 1), chainedRecords('late-fast', 2)];
    right(await store.appendToStream('late-early', 0, early));
    const first = right(await store.readAll({ after: 0, limit: 10 }));
    expect(first.map(withoutPosition)).to.deep.equal(early);
    const checkpoint = (first[0] as StoredEvent).position;

    const client = await db.admin.connect();
    try {
      // The slow transaction inserts first, so it holds the smaller transaction id ...
      await client.query('BEGIN');
      await insertRaw(client, schema, slow[0] as EventRecord);
      // ... while the fast one starts later and commits first.
      right(await store.appendToStream('late-fast', 0, fast));

      expect(right(await store.readAll({ after: checkpoint, limit: 10 })), 'the fast commit waits for the slow transaction').to.deep.equal([]);
      const fastStream = right(await store.readStream('late-fast'));
      expect(fastStream.map(withoutPosition), 'its own stream shows it at once').to.deep.equal(fast);
      const provisional = fastStream.map((event) => event.position);
      expect(provisional[0], 'a provisional position is past every position given').to.be.greaterThan(checkpoint);
      expect(provisional[1]).to.be.greaterThan(provisional[0] as number);

      await client.query('COMMIT');
    } finally {
      client.release();
    }

    const after = right(await store.readAll({ after: checkpoint, limit: 10 }));
    expect(after.map(withoutPosition), 'the slow event comes first, and nothing is skipped').to.deep.equal([...slow, ...fast]);
    expect(after.map((event) => event.position)).to.deep.equal([checkpoint + 1, checkpoint + 2, checkpoint + 3]);
    const stamped = right(await store.readStream('late-fast')).map((event) => event.position);
    expect(stamped, 'stamped positions are what readAll gave').to.deep.equal([checkpoint + 2, checkpoint + 3]);
  });

  it('waits for an older transaction still open, so that a read holds every event appended before it', async () => {
    const store = db.open('held');
    const schema = db.schema('held');
    const [slow, fast] = [chainedRecords('held-slow', 1), chainedRecords('held-fast', 1)];
    right(await store.migrate());
    const client = await db.admin.connect();
    let reading!: ReturnType<typeof store.readAll>;
    let settled = false;
    try {
      await client.query('BEGIN');
      await insertRaw(client, schema, slow[0] as EventRecord);
      right(await store.appendToStream('held-fast', 0, fast));
      reading = store.readAll({ after: 0, limit: 10 });
      void reading.finally(() => (settled = true));
      await delay(300);
      expect(settled, 'the read waits while the older transaction is open').to.equal(false);
      await client.query('COMMIT');
    } catch (failure) {
      await client.query('ROLLBACK');
      throw failure;
    } finally {
      client.release();
    }
    const read = right(await reading);
    expect(read.map(withoutPosition), 'the appended event is there, after the one committed late').to.deep.equal([...slow, ...fast]);
    expect(read.map((event) => event.position)).to.deep.equal([1, 2]);
  });

  it('stops waiting for a transaction left open after heldBackWaitMs, and reads the held-back events later', async () => {
    const store = db.open('left_open', { heldBackWaitMs: 1500 });
    const schema = db.schema('left_open');
    const [slow, fast] = [chainedRecords('open-slow', 1), chainedRecords('open-fast', 1)];
    right(await store.migrate());
    const client = await db.admin.connect();
    try {
      await client.query('BEGIN');
      await insertRaw(client, schema, slow[0] as EventRecord);
      right(await store.appendToStream('open-fast', 0, fast));
      const started = Date.now();
      expect(right(await store.readAll({ after: 0, limit: 10 })), 'nothing positioned yet').to.deep.equal([]);
      expect(Date.now() - started, 'it waited about heldBackWaitMs').to.be.within(1450, 10_000);
      right(await store.appendToStream('open-fast', 1, chainedRecords('open-fast', 1, { version: 1, hash: (fast[0] as EventRecord).hash })));
      const again = Date.now();
      expect(right(await store.readAll({ after: 0, limit: 10 })), 'still nothing positioned').to.deep.equal([]);
      expect(Date.now() - again, 'no second wait for the transaction that outlasted the first').to.be.below(1000);
      await client.query('COMMIT');
    } catch (failure) {
      await client.query('ROLLBACK');
      throw failure;
    } finally {
      client.release();
    }
    expect(right(await store.readAll({ after: 0, limit: 10 })).map((event) => event.streamId)).to.deep.equal(['open-slow', 'open-fast', 'open-fast']);
  });

  it('stops waiting for held-back events when the store is closed, even on a pool it leaves open', async () => {
    const schema = db.schema('closed_wait');
    const store = postgresStore({ pool: db.admin }, { schema, heldBackWaitMs: 30_000 });
    right(await store.migrate());
    const client = await db.admin.connect();
    try {
      await client.query('BEGIN');
      await insertRaw(client, schema, chainedRecords('closed-slow', 1)[0] as EventRecord);
      right(await store.appendToStream('closed-fast', 0, chainedRecords('closed-fast', 1)));
      const reading = store.readAll({ after: 0, limit: 10 });
      await delay(100);
      const closedAt = Date.now();
      await store.close();
      const outcome = await reading;
      expect(Date.now() - closedAt, 'the read ended soon after close, not after heldBackWaitMs').to.be.below(5000);
      expect(E.isRight(outcome) ? outcome.right : [], 'nothing held back was read').to.deep.equal([]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('gives the same positions to every reader, however the reads interleave with commits', async () => {
    const store = db.open('stable');
    const other = db.open('stable');
    const streams = ['stable-a', 'stable-b', 'stable-c', 'stable-d'];
    const seen: StoredEvent[][] = [[], []];
    const readers = [store, other];
    await Promise.all([
      ...streams.map(async (streamId) => {
        let head: ChainHead | undefined;
        let records: EventRecord[] = [];
        for (let round = 0; round < 5; round += 1) {
          const next = chainedRecords(streamId, 2, head);
          right(await (round % 2 === 0 ? store : other).appendToStream(streamId, records.length, next));
          records = [...records, ...next];
          const last = next[next.length - 1] as EventRecord;
          head = { version: last.version, hash: last.hash };
        }
      }),
      ...readers.map(async (reader, index) => {
        for (let round = 0; round < 15; round += 1) {
          const log = seen[index] as StoredEvent[];
          const after = log[log.length - 1]?.position ?? 0;
          log.push(...right(await reader.readAll({ after, limit: 7 })));
        }
      }),
    ]);
    for (const [index, reader] of readers.entries()) {
      const log = seen[index] as StoredEvent[];
      const after = log[log.length - 1]?.position ?? 0;
      log.push(...right(await reader.readAll({ after, limit: 1000 })));
    }
    const [a, b] = seen as [StoredEvent[], StoredEvent[]];
    expect(a).to.have.length(streams.length * 10);
    expect(a, 'both readers saw one order').to.deep.equal(b);
    expect(a.map((event) => event.position)).to.deep.equal(a.map((_, index) => index + 1));
    for (const streamId of streams) {
      expect(a.filter((event) => event.streamId === streamId).map((event) => event.version)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('keeps every stream in version order in the global order when writers race on it', async () => {
    const store = db.open('race');
    const streamId = 'race-hot';
    const writers = 4;
    const perWriter = 5;
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let written = 0; written < perWriter; ) {
          const current = right(await store.readStream(streamId));
          const last = current[current.length - 1];
          const next = chainedRecords(streamId, 1, last === undefined ? undefined : { version: last.version, hash: last.hash });
          const result = await store.appendToStream(streamId, current.length, next);
          if (E.isRight(result)) written += 1;
          else if (left(result).code === 'VersionConflict') conflicts += 1;
          else throw new Error(left(result).message);
        }
      }),
    );
    const all = right(await store.readAll({ after: 0, limit: 1000 }));
    expect(all.map((event) => event.version)).to.deep.equal(Array.from({ length: writers * perWriter }, (_, index) => index + 1));
    expect(conflicts, 'the writers did race').to.be.greaterThan(0);
  });

  it('reports VersionConflict when a writer that skipped the version check takes the version first', async () => {
    const store = db.open('defence');
    const schema = db.schema('defence');
    const streamId = 'defence-stream';
    const first = chainedRecords(streamId, 1);
    right(await store.appendToStream(streamId, 0, first));
    const head = { version: 1, hash: (first[0] as EventRecord).hash };
    const intruder = chainedRecords(streamId, 1, head);

    const client = await db.admin.connect();
    let appending;
    try {
      await client.query('BEGIN');
      await insertRaw(client, schema, intruder[0] as EventRecord);
      // The store's statement sees version 1, inserts version 2 and waits on the unique key.
      appending = store.appendToStream(streamId, 1, chainedRecords(streamId, 3, head));
      await waitUntilBlocked(db.admin, `"${schema}".events`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const conflict = left(await appending);
    expect(conflict).to.include({ code: 'VersionConflict', streamId, expectedVersion: 1, actualVersion: 2 });
    expect(right(await store.readStream(streamId)).map(withoutPosition), 'none of the refused events were written').to.deep.equal([...first, ...intruder]);

    const duplicate = await db.admin
      .query(`INSERT INTO "${schema}".events (stream_id, version, event_id, type, data, meta, prev_hash, hash) VALUES ($1, 2, 'another-id', 't', '{}', '{}', '', '')`, [streamId])
      .then(() => undefined, (cause: unknown) => cause);
    expect(duplicate).to.include({ code: '23505', constraint: 'events_stream_version' });
  });

  it('keeps the raw text of a row whose JSON was edited, instead of failing the read', async () => {
    const store = db.open('corrupt');
    const schema = db.schema('corrupt');
    const streamId = 'corrupt-stream';
    right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 2)));
    await db.admin.query(`UPDATE "${schema}".events SET data = '{"subscriptionId": "cut', meta = 'not json' WHERE stream_id = $1 AND version = 2`, [streamId]);
    const [, edited] = right(await store.readStream(streamId));
    expect(edited).to.include({ data: '{"subscriptionId": "cut', meta: 'not json', version: 2 });
    expect(right(await store.readAll({ after: 0, limit: 10 }))[1]).to.deep.equal(edited);
  });
});
