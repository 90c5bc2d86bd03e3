import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { EventRecord, EventStore } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { chainedRecords } from '@csp-onprem/testing';
import { left, onFreshStore, right } from './temp-files.js';

const STREAM = 'csp-software-append';

describe('appending to the SQLite store', () => {
  let path: string;
  let store: EventStore;
  onFreshStore((fresh) => ({ path, store } = fresh), () => store);

  async function everything() {
    return right(await store.readAll({ after: 0, limit: 1000 }));
  }

  it('refuses records whose versions do not follow the expected version, writing nothing', async () => {
    const first = chainedRecords(STREAM, 1);
    right(await store.appendToStream(STREAM, 0, first));
    const skipping = chainedRecords(STREAM, 2, { version: 5, hash: first[0]?.hash ?? '' });
    const error = left(await store.appendToStream(STREAM, 1, skipping));
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.contain('has version 6, expected 2');
    expect(await everything()).to.have.length(1);
  });

  it('refuses records that name another stream, writing nothing', async () => {
    const error = left(await store.appendToStream(STREAM, 0, chainedRecords('csp-software-elsewhere', 1)));
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.contain('belongs to stream csp-software-elsewhere');
    expect(await everything()).to.deep.equal([]);
  });

  it('rolls back the whole batch when its last event repeats a stored event id', async () => {
    const first = chainedRecords(STREAM, 2);
    right(await store.appendToStream(STREAM, 0, first));
    const batch = chainedRecords(STREAM, 3, { version: 2, hash: first[1]?.hash ?? '' });
    const repeating: EventRecord[] = [...batch.slice(0, 2), { ...(batch[2] as EventRecord), eventId: (first[0] as EventRecord).eventId }];
    const error = left(await store.appendToStream(STREAM, 2, repeating));
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.match(/UNIQUE constraint failed: events\.event_id/);
    expect((await everything()).map((event) => event.eventId)).to.deep.equal(first.map((record) => record.eventId));
    right(await store.appendToStream(STREAM, 2, batch));
  });

  it('answers StoreUnavailable, not a throw, for data JSON cannot hold', async () => {
    const [record] = chainedRecords(STREAM, 1);
    const bad = { ...(record as EventRecord), data: { amount: 10n } };
    const error = left(await store.appendToStream(STREAM, 0, [bad]));
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.match(/BigInt/);
    expect(await everything()).to.deep.equal([]);
  });

  it('waits busyTimeoutMs for another connection holding the write lock, then answers StoreUnavailable', async () => {
    right(await store.readAll({ after: 0, limit: 1 }));
    const impatient = sqliteStore({ path, busyTimeoutMs: 150 });
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      const error = left(await impatient.appendToStream(STREAM, 0, chainedRecords(STREAM, 1)));
      const waited = performance.now() - started;
      expect(error.code).to.equal('StoreUnavailable');
      expect(error.message).to.match(/locked|busy/i);
      expect(waited, 'waited for the lock before giving up').to.be.at.least(100);
      other.exec('ROLLBACK');
      right(await impatient.appendToStream(STREAM, 0, chainedRecords(STREAM, 1)));
    } finally {
      other.close();
      await impatient.close();
    }
  });

  it('reads a row whose JSON no longer parses as its raw text instead of throwing', async () => {
    const records = chainedRecords(STREAM, 3);
    right(await store.appendToStream(STREAM, 0, records));
    const raw = new Database(path);
    raw.prepare('UPDATE events SET data = ?, meta = ? WHERE version = 2').run('{"subscriptionId": "csp-software-app', 'not json at all');
    raw.close();

    const stored = right(await store.readStream(STREAM));
    expect(stored.map((event) => event.version)).to.deep.equal([1, 2, 3]);
    expect(stored[1]?.data).to.equal('{"subscriptionId": "csp-software-app');
    expect(stored[1]?.meta).to.equal('not json at all');
    expect(stored[0]?.data).to.deep.equal(records[0]?.data);
  });
});
