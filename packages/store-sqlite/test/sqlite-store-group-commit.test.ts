import Database from 'better-sqlite3';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { EventRecord, EventStore } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { chainedRecords } from '@csp-onprem/testing';
import { left, onFreshStore, right } from './temp-files.js';

const streamName = (index: number) => `csp-software-group-${index}`;

describe('group commit in the SQLite store (appends issued in one event-loop turn)', () => {
  let path: string;
  let store: EventStore;
  onFreshStore((fresh) => ({ path, store } = fresh), () => store);

  async function everything() {
    return right(await store.readAll({ after: 0, limit: 10_000 }));
  }

  it('commits concurrent appends to different streams, each readable, with contiguous positions', async () => {
    const batches = Array.from({ length: 20 }, (_, index) => chainedRecords(streamName(index), 2));
    const results = (await Promise.all(batches.map((records, index) => store.appendToStream(streamName(index), 0, records)))).map(right);

    const positions = results.flatMap((result) => [...result.positions]);
    const first = positions[0] ?? 0;
    expect(positions).to.deep.equal(positions.map((_, offset) => first + offset));
    expect(results.map((result) => result.version)).to.deep.equal(batches.map(() => 2));

    const stored = await everything();
    expect(stored.map((event) => event.position)).to.deep.equal(positions);
    expect(stored.map((event) => event.eventId)).to.deep.equal(batches.flat().map((record) => record.eventId));
    for (const [index, records] of batches.entries()) {
      expect(right(await store.readStream(streamName(index))).map((event) => event.eventId)).to.deep.equal(records.map((record) => record.eventId));
    }
  });

  it('answers only the append whose expected version is stale with VersionConflict; the others commit', async () => {
    const head = chainedRecords(streamName(1), 3);
    right(await store.appendToStream(streamName(1), 0, head));

    const [before, stale, after] = await Promise.all([
      store.appendToStream(streamName(0), 0, chainedRecords(streamName(0), 1)),
      store.appendToStream(streamName(1), 1, chainedRecords(streamName(1), 1, { version: 1, hash: head[0]?.hash ?? '' })),
      store.appendToStream(streamName(2), 0, chainedRecords(streamName(2), 1)),
    ]);

    right(before);
    right(after);
    const conflict = left(stale);
    expect(conflict).to.include({ code: 'VersionConflict', streamId: streamName(1), expectedVersion: 1, actualVersion: 3 });
    expect((await everything()).map((event) => event.streamId)).to.deep.equal([streamName(1), streamName(1), streamName(1), streamName(0), streamName(2)]);
  });

  it('lets exactly one of two appends to the same stream at the same expected version win', async () => {
    const stream = streamName(0);
    const [first, second] = await Promise.all([
      store.appendToStream(stream, 0, chainedRecords(stream, 2)),
      store.appendToStream(stream, 0, chainedRecords(stream, 1)),
    ]);

    const winners = [first, second].filter(E.isRight);
    const losers = [first, second].filter(E.isLeft).map((result) => result.left);
    expect(winners).to.have.length(1);
    expect(losers).to.have.length(1);
    expect(losers[0]).to.include({ code: 'VersionConflict', expectedVersion: 0, actualVersion: winners[0]?.right.version });
    expect(right(await store.readStream(stream)).map((event) => event.version)).to.deep.equal(winners[0]?.right.version === 2 ? [1, 2] : [1]);
  });

  it('lets a second append to the same stream in the same turn build on the first, as if one followed the other', async () => {
    const stream = streamName(0);
    const records = chainedRecords(stream, 3);
    const [first, second] = await Promise.all([store.appendToStream(stream, 0, records.slice(0, 1)), store.appendToStream(stream, 1, records.slice(1))]);

    expect(right(first).version).to.equal(1);
    expect(right(second).version).to.equal(3);
    expect(right(await store.readStream(stream)).map((event) => event.eventId)).to.deep.equal(records.map((record) => record.eventId));
  });

  it('refuses only the append that repeats a stored event id; the others in its turn commit', async () => {
    const stored = chainedRecords(streamName(0), 1);
    right(await store.appendToStream(streamName(0), 0, stored));
    const [repeat] = chainedRecords(streamName(1), 1);
    const repeating: EventRecord = { ...(repeat as EventRecord), eventId: (stored[0] as EventRecord).eventId };

    const [other, refused] = await Promise.all([
      store.appendToStream(streamName(2), 0, chainedRecords(streamName(2), 1)),
      store.appendToStream(streamName(1), 0, [repeating]),
    ]);

    right(other);
    const error = left(refused);
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.match(/UNIQUE constraint failed: events\.event_id/);
    expect((await everything()).map((event) => event.streamId)).to.deep.equal([streamName(0), streamName(2)]);
  });

  it('answers every append of the turn StoreUnavailable and writes none of them when the shared commit cannot take the lock', async () => {
    right(await store.readAll({ after: 0, limit: 1 }));
    const impatient = sqliteStore({ path, busyTimeoutMs: 100 });
    const other = new Database(path);
    try {
      right(await impatient.readAll({ after: 0, limit: 1 }));
      other.exec('BEGIN IMMEDIATE');
      const results = await Promise.all([0, 1, 2].map((index) => impatient.appendToStream(streamName(index), 0, chainedRecords(streamName(index), 1))));
      other.exec('ROLLBACK');

      for (const result of results) expect(left(result).code).to.equal('StoreUnavailable');
      expect(await everything()).to.deep.equal([]);
      right(await impatient.appendToStream(streamName(0), 0, chainedRecords(streamName(0), 1)));
    } finally {
      other.close();
      await impatient.close();
    }
  });

  it('commits more appends issued in one turn than one commit takes, in order', async () => {
    const count = 600;
    const results = await Promise.all(Array.from({ length: count }, (_, index) => store.appendToStream(streamName(index), 0, chainedRecords(streamName(index), 1))));

    const positions = results.map((result) => right(result).positions[0] ?? 0);
    expect(positions).to.deep.equal(positions.map((_, offset) => (positions[0] ?? 0) + offset));
    expect((await everything()).map((event) => event.streamId)).to.deep.equal(results.map((_, index) => streamName(index)));
  });

  it('answers every append still waiting when the store closes, and keeps exactly those it acknowledged', async () => {
    right(await store.readAll({ after: 0, limit: 1 }));
    const append = (index: number) => store.appendToStream(streamName(index), 0, chainedRecords(streamName(index), 1));
    const queued = Array.from({ length: 15 }, (_, index) => append(index));
    // A few microtasks let these reach the queue; the flush itself waits for setImmediate.
    for (let hop = 0; hop < 20; hop += 1) await Promise.resolve();
    const late = Array.from({ length: 15 }, (_, index) => append(15 + index));
    await store.close();
    const results = await Promise.all([...queued, ...late]);

    for (const result of results) if (E.isLeft(result)) expect(result.left.code).to.equal('StoreUnavailable');
    expect(results.slice(0, 15).every(E.isRight), 'the appends queued before close were committed').to.equal(true);
    const acknowledged = results.flatMap((result, index) => (E.isRight(result) ? [streamName(index)] : []));
    store = sqliteStore({ path });
    expect((await everything()).map((event) => event.streamId)).to.deep.equal(acknowledged);
  });

  it('answers appends issued after close StoreUnavailable without waiting', async () => {
    right(await store.readAll({ after: 0, limit: 1 }));
    await store.close();
    let flushTurnCame = false;
    setImmediate(() => {
      flushTurnCame = true;
    });
    const error = left(await store.appendToStream(streamName(0), 0, chainedRecords(streamName(0), 1)));
    expect(flushTurnCame, 'answered in the same turn, before a group commit could have run').to.equal(false);
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.contain('closed');
  });
});
