import { expect } from 'chai';
import type { EventRecord, EventStore, StoredEvent } from '@csp-onprem/engine';
import { chainedRecords, type ChainHead } from '@csp-onprem/testing';
import { insertRaw } from './raw-events.js';
import { right, useTestDatabase } from './test-database.js';

function positionsById(events: readonly StoredEvent[]): Map<string, number> {
  return new Map(events.map((event) => [event.eventId, event.position]));
}

describe('the PostgreSQL store sequencer', () => {
  const db = useTestDatabase();

  async function unstamped(label: string): Promise<number> {
    const rows = await db.admin.query<{ n: number }>(`SELECT count(*)::integer AS n FROM "${db.schema(label)}".events WHERE position IS NULL`);
    return rows.rows[0]?.n ?? -1;
  }

  /** Appends `rounds` single events to each stream, the streams taking turns. */
  async function appendInTurns(store: EventStore, streams: readonly string[], rounds: number, heads = new Map<string, ChainHead>()): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      for (const streamId of streams) {
        const head = heads.get(streamId);
        const [record] = chainedRecords(streamId, 1, head) as [EventRecord];
        right(await store.appendToStream(streamId, head?.version ?? 0, [record]));
        heads.set(streamId, { version: record.version, hash: record.hash });
      }
    }
  }

  it('reads a stream with the positions the sequencer gives later, without stamping them', async () => {
    const store = db.open('unstamped');
    const streams = ['unstamped-a', 'unstamped-b', 'unstamped-c'];
    await appendInTurns(store, streams, 3);
    const fromStreams = (await Promise.all(streams.map(async (streamId) => right(await store.readStream(streamId))))).flat();
    expect(await unstamped('unstamped'), 'reading streams stamped nothing').to.equal(9);

    const fromAll = right(await store.readAll({ after: 0, limit: 100 }));
    expect(await unstamped('unstamped')).to.equal(0);
    expect(fromAll.map((event) => event.position)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(positionsById(fromStreams), 'the stream reads gave the final positions').to.deep.equal(positionsById(fromAll));
  });

  it('gives the same positions again when the last stamps are lost, as in a server crash', async () => {
    const store = db.open('lost');
    const schema = db.schema('lost');
    const streams = ['lost-a', 'lost-b'];
    const heads = new Map<string, ChainHead>();
    // Three stamping transactions: positions 1-2, 3-6 and 7-8.
    for (const rounds of [1, 2, 1]) {
      await appendInTurns(store, streams, rounds, heads);
      right(await store.readAll({ after: 0, limit: 100 }));
    }
    const before = right(await store.readAll({ after: 0, limit: 100 }));
    expect(before.map((event) => event.position)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);

    // A crash can lose only the last stamping commits, never a row they stamped.
    await db.admin.query(`UPDATE "${schema}".events SET position = NULL WHERE position > 2`);
    const streamsAfterLoss = (await Promise.all(streams.map(async (streamId) => right(await store.readStream(streamId))))).flat();
    expect(positionsById(streamsAfterLoss), 'stream reads before the stamps are given again').to.deep.equal(positionsById(before));
    expect(right(await store.readAll({ after: 8, limit: 100 })), 'a reader that had passed them finds nothing new').to.deep.equal([]);
    expect(right(await store.readAll({ after: 0, limit: 100 }))).to.deep.equal(before);
  });

  it('gives the same positions again after a lost stamp when transactions committed out of order', async () => {
    const store = db.open('reorder');
    const schema = db.schema('reorder');
    const [slow, fast] = [chainedRecords('reorder-slow', 1), chainedRecords('reorder-fast', 2)];
    right(await store.migrate());
    const client = await db.admin.connect();
    try {
      await client.query('BEGIN');
      await insertRaw(client, schema, slow[0] as EventRecord);
      right(await store.appendToStream('reorder-fast', 0, fast));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const before = right(await store.readAll({ after: 0, limit: 10 }));
    expect(before.map((event) => event.streamId)).to.deep.equal(['reorder-slow', 'reorder-fast', 'reorder-fast']);

    await db.admin.query(`UPDATE "${schema}".events SET position = NULL`);
    expect(right(await store.readAll({ after: 0, limit: 10 }))).to.deep.equal(before);
  });

  it('stamps in the background once a store has appended enough events, without any read', async () => {
    const store = db.open('background');
    const streamId = 'background-stream';
    right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 40)));
    // Closing waits for the sequencer run the append started.
    await store.close();
    expect(await unstamped('background')).to.equal(0);
  });

  it('stamps a backlog larger than one stamping transaction takes, in order and without gaps', async function () {
    this.timeout(60_000);
    const store = db.open('backlog');
    const schema = db.schema('backlog');
    right(await store.appendToStream('backlog-first', 0, chainedRecords('backlog-first', 1)));
    const rows = 10_050;
    await db.admin.query(
      `INSERT INTO "${schema}".events (stream_id, version, event_id, type, data, meta, prev_hash, hash)
       SELECT 'backlog-bulk', v, 'bulk-' || v, 't', '{}', '{}', '', '' FROM generate_series(1, $1::integer) AS v`,
      [rows],
    );
    const all = right(await store.readAll({ after: 0, limit: rows + 10 }));
    expect(all).to.have.length(rows + 1);
    expect(all.every((event, index) => event.position === index + 1), 'positions 1 to n').to.equal(true);
    expect(all.slice(1).every((event, index) => event.version === index + 1), 'the bulk stream in version order').to.equal(true);
    expect(await unstamped('backlog')).to.equal(0);
  });
});
