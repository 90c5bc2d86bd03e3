/// <reference types="mocha" />
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'chai';
import { describeTextContract } from './text-contract.js';
import { GENESIS_HASH, recordHash, type AppendResult, type EventRecord, type EventStore, type StoreError, type StoredEvent } from '@csp-onprem/engine';
import { endOfLog, left, right, withoutPosition } from './contract-helpers.js';

/** Options of {@link describeEventStoreContract}. */
export interface EventStoreContractOptions {
  /**
   * For durable stores: opens the storage behind `closed` again, after the suite closed it.
   * When given, the suite checks that every record survives a close and reopen.
   */
  readonly reopen?: (closed: EventStore) => Promise<EventStore>;
  /**
   * Whether the store keeps projection state (`projections`). With `true`, a store that has
   * none fails the projection-state tests instead of skipping them; with `false` or unset,
   * they are skipped for a store without it, and the test output says so.
   */
  readonly projectionState?: boolean;
}

/** Where a stream's chain stands: its version and the hash of its last event. */
export interface ChainHead {
  readonly version: number;
  readonly hash: string;
}

const EVENT_TYPES = ['Purchased', 'KeyIssued', 'Downloaded', 'LinkCopied', 'KeyViewed'] as const;

/**
 * Builds `count` realistic records for `streamId` that continue the chain at `head` (a new
 * stream when absent): consecutive versions, JSON data and metadata shaped like the engine's,
 * and real `prevHash`/`hash` links.
 */
export function chainedRecords(streamId: string, count: number, head: ChainHead = { version: 0, hash: GENESIS_HASH }): EventRecord[] {
  const records: EventRecord[] = [];
  let prevHash = head.hash;
  for (let index = 0; index < count; index += 1) {
    const version = head.version + index + 1;
    const commandId = `cmd-${randomUUID()}`;
    const unhashed = {
      eventId: randomUUID(),
      streamId,
      version,
      type: EVENT_TYPES[(version - 1) % EVENT_TYPES.length] ?? 'Downloaded',
      data: {
        subscriptionId: streamId,
        variant: { version: '2019', language: 'en-us', bitness: '64-bit' },
        unitPrice: { amount: 89_900 + version, currency: 'USD' },
        note: `line ${version}: "quoted", back\\slash, ünïcødé ✓, emoji 🔑, newline\nend`,
        attachments: ['invoice.pdf', 'screenshot.png'],
        optional: null,
      },
      meta: {
        occurredAt: new Date(Date.UTC(2024, 2, 1, 9, 30, version)).toISOString(),
        actor: { userId: 'alice@partner', tenantId: '11111111-1111-4111-8111-111111111111', roles: ['AdminAgent'] },
        actingRole: 'AdminAgent',
        commandId,
        correlationId: commandId,
        causationId: commandId,
        schemaVersion: 1,
      },
      prevHash,
    };
    const record: EventRecord = { ...unhashed, hash: recordHash(unhashed) };
    records.push(record);
    prevHash = record.hash;
  }
  return records;
}

function headOf(records: readonly EventRecord[]): ChainHead {
  const last = records[records.length - 1];
  return last === undefined ? { version: 0, hash: GENESIS_HASH } : { version: last.version, hash: last.hash };
}

function newStreamId(label: string): string {
  return `contract-${label}-${randomUUID()}`;
}

async function readAllAfter(store: EventStore, after: number): Promise<StoredEvent[]> {
  return right(await store.readAll({ after, limit: 1_000_000 }));
}

function expectStrictlyIncreasingPositions(events: readonly StoredEvent[]): void {
  for (const [index, event] of events.entries()) {
    expect(Number.isSafeInteger(event.position) && event.position > 0, `position ${event.position} is a positive integer`).to.equal(true);
    const previous = events[index - 1];
    if (previous !== undefined) expect(event.position, 'positions increase').to.be.greaterThan(previous.position);
  }
}

function expectVersionConflict(error: StoreError, streamId: string, expectedVersion: number, actualVersion: number): void {
  expect(error.code).to.equal('VersionConflict');
  if (error.code !== 'VersionConflict') return;
  expect({ streamId: error.streamId, expectedVersion: error.expectedVersion, actualVersion: error.actualVersion }).to.deep.equal({
    streamId,
    expectedVersion,
    actualVersion,
  });
  expect(error.message).to.be.a('string').and.not.equal('');
}

/**
 * Registers mocha tests proving that an `EventStore` keeps the port's promises: exact
 * round trips, optimistic concurrency, atomic appends, a paged global order, durability
 * (with `options.reopen`), `StoreUnavailable` after close, and text: any text kept exactly in
 * data, and a stream id, event id or type the store cannot keep refused as `InvalidCommand`. `open` is called before each
 * test; the suite closes what it opened. Stores may hold earlier events: each test uses
 * fresh stream ids and reads the global order from where it stood at the start.
 */
export function describeEventStoreContract(name: string, open: () => Promise<EventStore>, options: EventStoreContractOptions = {}): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    it('reads a stream that was never written as empty', async () => {
      const other = newStreamId('other');
      right(await store.appendToStream(other, 0, chainedRecords(other, 1)));
      expect(right(await store.readStream(newStreamId('never-written')))).to.deep.equal([]);
    });

    it('gives back appended records exactly, with versions 1 to n', async () => {
      const streamId = newStreamId('round-trip');
      const records = chainedRecords(streamId, 3);
      const appended = right(await store.appendToStream(streamId, 0, records));
      const stored = right(await store.readStream(streamId));
      expect(stored.map(withoutPosition)).to.deep.equal(records);
      expect(stored.map((event) => event.version)).to.deep.equal([1, 2, 3]);
      expect(appended.streamId).to.equal(streamId);
      expect(appended.version).to.equal(3);
      // A store may sequence positions after commit and return none from the append.
      if (appended.positions.length > 0) expect(appended.positions).to.deep.equal(stored.map((event) => event.position));
    });

    it('continues a stream across appends and reports its new version each time', async () => {
      const streamId = newStreamId('continue');
      const first = chainedRecords(streamId, 2);
      const second = chainedRecords(streamId, 3, headOf(first));
      expect(right(await store.appendToStream(streamId, 0, first)).version).to.equal(2);
      expect(right(await store.appendToStream(streamId, 2, second)).version).to.equal(5);
      const stored = right(await store.readStream(streamId));
      expect(stored.map(withoutPosition)).to.deep.equal([...first, ...second]);
      expect(stored.map((event) => event.version)).to.deep.equal([1, 2, 3, 4, 5]);
    });

    it('gives each event of a stream a unique positive position that increases with its version', async () => {
      const streamId = newStreamId('positions');
      const first = chainedRecords(streamId, 2);
      const second = chainedRecords(streamId, 2, headOf(first));
      const positions = [
        ...right(await store.appendToStream(streamId, 0, first)).positions,
        ...right(await store.appendToStream(streamId, 2, second)).positions,
      ];
      const stored = right(await store.readStream(streamId));
      expectStrictlyIncreasingPositions(stored);
      expect(new Set(stored.map((event) => event.position)).size).to.equal(4);
      if (positions.length > 0) expect(stored.map((event) => event.position)).to.deep.equal(positions);
    });

    it('keeps apart streams whose ids share a prefix', async () => {
      const base = newStreamId('prefix');
      const short = chainedRecords(base, 1);
      const long = chainedRecords(`${base}0`, 2);
      right(await store.appendToStream(base, 0, short));
      right(await store.appendToStream(`${base}0`, 0, long));
      expect(right(await store.readStream(base)).map(withoutPosition)).to.deep.equal(short);
      expect(right(await store.readStream(`${base}0`)).map(withoutPosition)).to.deep.equal(long);
    });

    it('refuses an append at a wrong expected version with VersionConflict and writes nothing', async () => {
      const streamId = newStreamId('conflict');
      const records = chainedRecords(streamId, 2);
      right(await store.appendToStream(streamId, 0, records));
      const end = await endOfLog(store);

      const behind = await store.appendToStream(streamId, 0, chainedRecords(streamId, 1));
      expectVersionConflict(left(behind), streamId, 0, 2);
      const ahead = await store.appendToStream(streamId, 3, chainedRecords(streamId, 2, { version: 3, hash: GENESIS_HASH }));
      expectVersionConflict(left(ahead), streamId, 3, 2);
      const newStream = newStreamId('conflict-new');
      const onMissing = await store.appendToStream(newStream, 1, chainedRecords(newStream, 1, { version: 1, hash: GENESIS_HASH }));
      expectVersionConflict(left(onMissing), newStream, 1, 0);

      expect(right(await store.readStream(streamId)).map(withoutPosition)).to.deep.equal(records);
      expect(right(await store.readStream(newStream))).to.deep.equal([]);
      expect(await readAllAfter(store, end)).to.deep.equal([]);
    });

    it('lets exactly one of two concurrent appends at the same expected version win', async () => {
      const streamId = newStreamId('race');
      const first = chainedRecords(streamId, 1);
      right(await store.appendToStream(streamId, 0, first));
      const mine = chainedRecords(streamId, 2, headOf(first));
      const theirs = chainedRecords(streamId, 1, headOf(first));
      const results = await Promise.all([store.appendToStream(streamId, 1, mine), store.appendToStream(streamId, 1, theirs)]);

      const winners = results.filter(E.isRight);
      expect(winners, 'exactly one append wins').to.have.length(1);
      const mineWon = E.isRight(results[0] as E.Either<StoreError, AppendResult>);
      const winner = mineWon ? mine : theirs;
      const loser = results[mineWon ? 1 : 0] as E.Either<StoreError, AppendResult>;
      expectVersionConflict(left(loser), streamId, 1, 1 + winner.length);
      expect(right(await store.readStream(streamId)).map(withoutPosition)).to.deep.equal([...first, ...winner]);
    });

    it('lets exactly one of two concurrent appends create the same new stream', async () => {
      const streamId = newStreamId('race-new');
      const candidates = [chainedRecords(streamId, 1), chainedRecords(streamId, 1)];
      const results = await Promise.all(candidates.map((records) => store.appendToStream(streamId, 0, records)));
      const winnerIndex = results.findIndex(E.isRight);
      expect(results.filter(E.isRight), 'exactly one append wins').to.have.length(1);
      expectVersionConflict(left(results[1 - winnerIndex] as E.Either<StoreError, AppendResult>), streamId, 0, 1);
      expect(right(await store.readStream(streamId)).map(withoutPosition)).to.deep.equal(candidates[winnerIndex]);
    });

    it('reads every event of every stream in increasing position order', async () => {
      const start = await endOfLog(store);
      const [a, b, c] = [newStreamId('all-a'), newStreamId('all-b'), newStreamId('all-c')];
      const a1 = chainedRecords(a, 2);
      const b1 = chainedRecords(b, 1);
      const a2 = chainedRecords(a, 1, headOf(a1));
      const c1 = chainedRecords(c, 3);
      const positions: number[] = [];
      positions.push(...right(await store.appendToStream(a, 0, a1)).positions);
      positions.push(...right(await store.appendToStream(b, 0, b1)).positions);
      positions.push(...right(await store.appendToStream(a, 2, a2)).positions);
      positions.push(...right(await store.appendToStream(c, 0, c1)).positions);

      const all = await readAllAfter(store, start);
      expect(all.map(withoutPosition)).to.deep.equal([...a1, ...b1, ...a2, ...c1]);
      if (positions.length > 0) expect(all.map((event) => event.position)).to.deep.equal(positions);
      expectStrictlyIncreasingPositions(all);
    });

    it('pages through the global order with after and limit, ending with an empty page', async () => {
      const start = await endOfLog(store);
      for (const label of ['page-a', 'page-b', 'page-c']) {
        const streamId = newStreamId(label);
        right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 3)));
      }
      const everything = await readAllAfter(store, start);
      expect(everything).to.have.length(9);

      const paged: StoredEvent[] = [];
      let after = start;
      let pages = 0;
      for (;;) {
        const page = right(await store.readAll({ after, limit: 4 }));
        expect(page.length).to.be.at.most(4);
        const last = page[page.length - 1];
        if (last === undefined) break;
        paged.push(...page);
        after = last.position;
        pages += 1;
      }
      expect(pages).to.equal(3);
      expect(paged).to.deep.equal(everything);

      const middle = everything[4] as StoredEvent;
      expect(right(await store.readAll({ after: middle.position, limit: 2 }))).to.deep.equal(everything.slice(5, 7));
      const lastPosition = (everything[8] as StoredEvent).position;
      expect(right(await store.readAll({ after: lastPosition, limit: 10 }))).to.deep.equal([]);
      expect(right(await store.readAll({ after: lastPosition + 1000, limit: 10 }))).to.deep.equal([]);
    });

    it('keeps each stream whole and in order when appends to different streams interleave', async () => {
      const start = await endOfLog(store);
      const streams = [newStreamId('mix-a'), newStreamId('mix-b'), newStreamId('mix-c')];
      const written = new Map<string, EventRecord[]>(streams.map((streamId) => [streamId, []]));
      const appendsPerStream = 6;
      await Promise.all(
        streams.map(async (streamId) => {
          const records = written.get(streamId) as EventRecord[];
          for (let round = 0; round < appendsPerStream; round += 1) {
            const next = chainedRecords(streamId, 1 + (round % 2), headOf(records));
            right(await store.appendToStream(streamId, records.length, next));
            records.push(...next);
          }
        }),
      );

      const all = await readAllAfter(store, start);
      expectStrictlyIncreasingPositions(all);
      for (const streamId of streams) {
        const records = written.get(streamId) as EventRecord[];
        expect(right(await store.readStream(streamId)).map(withoutPosition)).to.deep.equal(records);
        expect(all.filter((event) => event.streamId === streamId).map(withoutPosition)).to.deep.equal(records);
      }
      expect(all).to.have.length(streams.length * 9);
    });

    it('makes an append of several events visible all at once or not at all', async () => {
      const streamId = newStreamId('atomic');
      const records = chainedRecords(streamId, 5);
      const readsBefore = Array.from({ length: 3 }, () => store.readStream(streamId));
      const appending = store.appendToStream(streamId, 0, records);
      const readsAfter = Array.from({ length: 3 }, () => store.readStream(streamId));
      right(await appending);
      for (const read of await Promise.all([...readsBefore, ...readsAfter])) {
        const events = right(read);
        expect([0, records.length], 'a reader sees none or all of the append').to.include(events.length);
      }

      const end = await endOfLog(store);
      const refused = await store.appendToStream(streamId, 3, chainedRecords(streamId, 4, { version: 3, hash: GENESIS_HASH }));
      expect(left(refused).code).to.equal('VersionConflict');
      expect(await readAllAfter(store, end), 'a refused append of several events writes none of them').to.deep.equal([]);
      expect(right(await store.readStream(streamId)).map(withoutPosition)).to.deep.equal(records);
    });

    if (options.reopen !== undefined) {
      const reopen = options.reopen;
      it('keeps every record after the store is closed and opened again', async () => {
        const start = await endOfLog(store);
        const [a, b] = [newStreamId('durable-a'), newStreamId('durable-b')];
        const aRecords = chainedRecords(a, 3);
        const bRecords = chainedRecords(b, 2);
        right(await store.appendToStream(a, 0, aRecords));
        right(await store.appendToStream(b, 0, bRecords));
        const before = await readAllAfter(store, start);
        await store.close();

        store = await reopen(store);
        expect(right(await store.readStream(a)).map(withoutPosition)).to.deep.equal(aRecords);
        expect(right(await store.readStream(b)).map(withoutPosition)).to.deep.equal(bRecords);
        expect(await readAllAfter(store, start)).to.deep.equal(before);
        const more = chainedRecords(a, 1, headOf(aRecords));
        const appended = right(await store.appendToStream(a, 3, more));
        const [added] = await readAllAfter(store, (before[before.length - 1] as StoredEvent).position);
        expect(added && withoutPosition(added), 'the next event follows the last one read before the reopen').to.deep.equal(more[0]);
        if (appended.positions.length > 0) expect(appended.positions).to.deep.equal([(added as StoredEvent).position]);
      });
    }

    it('answers StoreUnavailable from every method once closed, and closes twice without error', async () => {
      const streamId = newStreamId('closed');
      right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 1)));
      await store.close();
      await store.close();
      const failures = [
        left(await store.readStream(streamId)),
        left(await store.appendToStream(streamId, 1, chainedRecords(streamId, 1, { version: 1, hash: GENESIS_HASH }))),
        left(await store.readAll({ after: 0, limit: 10 })),
      ];
      for (const failure of failures) {
        expect(failure.code).to.equal('StoreUnavailable');
        expect(failure.message).to.be.a('string').and.not.equal('');
      }
    });

    describeTextContract(() => store, newStreamId);

    describe('projection state, for a store that keeps it', () => {
      function stateOf(context: Mocha.Context) {
        const state = store.projections;
        if (state === undefined) {
          if (options.projectionState === true) throw new Error('the store was declared to keep projection state (projectionState: true), but it has no projections');
          console.log('      (skipped: the store keeps no projection state)');
          context.skip();
        }
        return state as NonNullable<EventStore['projections']>;
      }

      it('starts a projection it never saw at position 0 with no documents', async function () {
        const saved = right(await stateOf(this).load(`p-${randomUUID()}`));
        expect(saved.position).to.equal(0);
        expect([...saved.documents]).to.deep.equal([]);
      });

      it('saves changed documents with the checkpoint and loads them back', async function () {
        const state = stateOf(this);
        const projection = `p-${randomUUID()}`;
        expect(right(await state.save(projection, 0, 5, new Map([['a', { n: 1 }], ['b', { n: 2, list: ['x'] }]])))).to.equal(true);
        expect(right(await state.save(projection, 5, 9, new Map([['a', { n: 3 }]])))).to.equal(true);
        const saved = right(await state.load(projection));
        expect(saved.position).to.equal(9);
        expect(Object.fromEntries(saved.documents)).to.deep.equal({ a: { n: 3 }, b: { n: 2, list: ['x'] } });
      });

      it('loads every document of a projection that has thousands, each under its own key', async function () {
        this.timeout(20_000);
        const state = stateOf(this);
        const projection = `p-${randomUUID()}`;
        const documents = new Map(Array.from({ length: 4500 }, (_, i) => [`key-${String(i).padStart(5, '0')}`, { n: i }] as const));
        right(await state.save(projection, 0, 4500, documents));
        const saved = right(await state.load(projection));
        expect(saved.position).to.equal(4500);
        expect(saved.documents.size).to.equal(4500);
        expect(saved.documents.get('key-00000')).to.deep.equal({ n: 0 });
        expect(saved.documents.get('key-02000')).to.deep.equal({ n: 2000 });
        expect(saved.documents.get('key-04499')).to.deep.equal({ n: 4499 });
      });

      it('refuses a save from a checkpoint another runner has moved, writing nothing', async function () {
        const state = stateOf(this);
        const projection = `p-${randomUUID()}`;
        right(await state.save(projection, 0, 4, new Map([['a', 'first']])));
        expect(right(await state.save(projection, 0, 7, new Map([['a', 'stale'], ['b', 'stale']])))).to.equal(false);
        const saved = right(await state.load(projection));
        expect(saved.position).to.equal(4);
        expect(Object.fromEntries(saved.documents)).to.deep.equal({ a: 'first' });
      });

      it('lets exactly one of two concurrent saves from the same checkpoint win', async function () {
        const state = stateOf(this);
        const projection = `p-${randomUUID()}`;
        // Different checkpoints and keys, so that the saved state shows whose save it is and any mix of the two.
        const saves = [
          { to: 3, documents: { k: 'one', onlyOne: 1 } },
          { to: 5, documents: { k: 'two', onlyTwo: 2 } },
        ];
        const outcomes = await Promise.all(saves.map(({ to, documents }) => state.save(projection, 0, to, new Map(Object.entries(documents)))));
        const won = outcomes.map((outcome) => right(outcome));
        expect(won.filter(Boolean)).to.have.length(1);
        const winner = saves[won.indexOf(true)];
        const saved = right(await state.load(projection));
        expect(saved.position).to.equal(winner?.to);
        expect(Object.fromEntries(saved.documents)).to.deep.equal(winner?.documents);
      });

      it('forgets a projection on reset, leaving other projections alone', async function () {
        const state = stateOf(this);
        const [gone, kept] = [`p-${randomUUID()}`, `p-${randomUUID()}`];
        right(await state.save(gone, 0, 2, new Map([['a', 1]])));
        right(await state.save(kept, 0, 3, new Map([['a', 2]])));
        right(await state.reset(gone));
        expect(right(await state.load(gone)).position).to.equal(0);
        expect(right(await state.load(gone)).documents.size).to.equal(0);
        expect(right(await state.load(kept)).position).to.equal(3);
      });
    });
  });
}
