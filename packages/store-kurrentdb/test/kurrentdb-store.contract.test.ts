import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'chai';
import type { StoredEvent } from '@csp-onprem/engine';
import { kurrentdbStore, type KurrentdbStore } from '@csp-onprem/store-kurrentdb';
import { chainedRecords, describeDataKeyStoreContract, describeEventStoreContract } from '@csp-onprem/testing';

const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

function right<A>(result: E.Either<{ readonly code: string; readonly message: string }, A>): A {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.code}: ${result.left.message}`);
  return result.right;
}

async function endOfLog(store: KurrentdbStore): Promise<number> {
  let after = 0;
  for (;;) {
    const page = right(await store.readAll({ after, limit: 1000 }));
    const last = page[page.length - 1];
    if (last === undefined) return after;
    after = last.position;
  }
}

if (connectionString === undefined || connectionString === '') {
  describe('the KurrentDB store against a server', () => {
    console.log(
      'KurrentDB integration tests skipped: set KURRENTDB_CONNECTION_STRING=kurrentdb://localhost:2113?tls=false to run them against a server',
    );
    it.skip('runs the EventStore contract, the DataKeyStore contract and the subscription tests against KurrentDB');
  });
} else {
  const open = (streamPrefix = 'contract-'): KurrentdbStore => kurrentdbStore({ connectionString, streamPrefix, dataKeyStreamPrefix: 'datakeys-contract-' });

  describe('the KurrentDB store against a server', () => {
    describeEventStoreContract('KurrentDB (streams prefixed contract-)', async () => open(), { reopen: async () => open(), projectionState: false });
    const openDataKeys = async () => {
      const store = open();
      return { dataKeys: store.dataKeys, close: () => store.close() };
    };
    describeDataKeyStoreContract('KurrentDB (a csp-datakeys- stream per tenant)', openDataKeys, { openAgain: openDataKeys });

    describe('beyond the contract', () => {
      let store: KurrentdbStore;

      beforeEach(() => {
        store = open('kdb-test-');
      });

      afterEach(async () => {
        await store.close();
      });

      it('writes a retried append with the same event ids only once', async () => {
        const streamId = `kdb-test-retry-${randomUUID()}`;
        const records = chainedRecords(streamId, 2);
        right(await store.appendToStream(streamId, 0, records));
        const retried = await store.appendToStream(streamId, 0, records);
        expect(E.isRight(retried), 'KurrentDB deduplicates the retry by event id').to.equal(true);
        const stored = right(await store.readStream(streamId));
        expect(stored.map((event) => event.eventId)).to.deep.equal(records.map((record) => record.eventId));
      });

      it('shows in the global order only the streams with its own prefix', async () => {
        const start = await endOfLog(store);
        const other = open('kdb-other-');
        try {
          const foreign = `kdb-other-${randomUUID()}`;
          right(await other.appendToStream(foreign, 0, chainedRecords(foreign, 2)));
          const mine = `kdb-test-mine-${randomUUID()}`;
          const records = chainedRecords(mine, 2);
          right(await store.appendToStream(mine, 0, records));
          const page = right(await store.readAll({ after: start, limit: 100 }));
          expect(page.map((event) => event.streamId)).to.deep.equal([mine, mine]);
        } finally {
          await other.close();
        }
      });

      it('reads the global order after a position that is not an event’s own', async () => {
        const start = await endOfLog(store);
        const streamId = `kdb-test-between-${randomUUID()}`;
        right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 3)));
        const all = right(await store.readAll({ after: start, limit: 10 }));
        const first = all[0] as StoredEvent;
        expect(right(await store.readAll({ after: first.position + 1, limit: 10 }))).to.deep.equal(all.slice(1));
      });

      it('delivers stored and then newly appended events to a subscriber, in global order, until unsubscribed', async () => {
        const start = await endOfLog(store);
        const streamId = `kdb-test-live-${randomUUID()}`;
        const before = chainedRecords(streamId, 2);
        right(await store.appendToStream(streamId, 0, before));
        const received: StoredEvent[] = [];
        const errors: string[] = [];
        let arrived: () => void = () => undefined;
        const allArrived = new Promise<void>((resolve) => {
          arrived = resolve;
        });
        const unsubscribe = store.subscribe(
          start,
          (event) => {
            received.push(event);
            if (received.length === 5) arrived();
          },
          (error) => errors.push(error.message),
        );
        const after = chainedRecords(streamId, 3, { version: 2, hash: (before[1] as { hash: string }).hash });
        right(await store.appendToStream(streamId, 2, after));
        await allArrived;
        await unsubscribe();
        expect(errors).to.deep.equal([]);
        expect(received).to.deep.equal(right(await store.readAll({ after: start, limit: 100 })));
        expect(received.map((event) => event.eventId)).to.deep.equal([...before, ...after].map((record) => record.eventId));
      });
    });
  });
}
