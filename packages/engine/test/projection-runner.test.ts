import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import {
  createEngine,
  decodeStoredEvent,
  GENESIS_HASH,
  inMemoryStore,
  projectionRunner,
  recordHash,
  SoftwareListProjection,
  type EventStore,
  type Projection,
  type RecordedEvent,
} from '@csp-onprem/engine';
import { getKey, heldGlobalReads, purchase, right, streamOf } from './support.js';
import { executeAsActor } from '@csp-onprem/testing';

/**
 * A projection that counts the events of each stream, remembering the positions it counted
 * (`seen`) and the position of every event it was handed, repeats included (`applied`).
 */
function streamCounter(): Projection & { seen: number[]; applied: number[]; counts: Map<string, { events: number; version: number }> } {
  const counts = new Map<string, { events: number; version: number }>();
  const seen: number[] = [];
  const applied: number[] = [];
  return {
    name: 'stream-counter',
    seen,
    applied,
    counts,
    restore(documents) {
      counts.clear();
      for (const [key, doc] of documents) counts.set(key, doc as { events: number; version: number });
    },
    apply(event: RecordedEvent) {
      applied.push(event.position);
      const count = counts.get(event.streamId) ?? { events: 0, version: 0 };
      if (event.version <= count.version) return undefined;
      seen.push(event.position);
      counts.set(event.streamId, { events: count.events + 1, version: event.version });
      return event.streamId;
    },
    document: (key) => counts.get(key),
  };
}

/** The store, noting the `after` of every readAll page asked of it. */
function countingReads(store: EventStore): EventStore & { readsAfter: number[] } {
  const readsAfter: number[] = [];
  return {
    ...store,
    readsAfter,
    readAll: (options) => {
      readsAfter.push(options.after);
      return store.readAll(options);
    },
  };
}

/** Resolves after `ms` milliseconds. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the store keeps for the stream counter: checkpoint and documents. */
async function savedCounter(store: EventStore) {
  if (store.projections === undefined) throw new Error('the store keeps no projection state');
  return right(await store.projections.load('stream-counter'));
}

describe('the projection runner', () => {
  it('applies each event once, in position order, resuming from its checkpoint', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    const projection = streamCounter();
    const runner = projectionRunner(store, projection, { batchSize: 2 });
    for (const id of ['s1', 's2', 's3']) right(await executeAsActor(engine, purchase(id)));
    expect(right(await runner.catchUp())).to.equal(3);
    right(await executeAsActor(engine, purchase('s4')));
    expect(right(await runner.catchUp())).to.equal(4);
    expect(projection.applied).to.deep.equal([1, 2, 3, 4]);
  });

  it('shares one pass between concurrent catch-ups', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2', 's3']) right(await executeAsActor(engine, purchase(id)));
    const projection = streamCounter();
    const reading = countingReads(store);
    const runner = projectionRunner(reading, projection, { batchSize: 1 });
    const reached = await Promise.all([runner.catchUp(), runner.catchUp(), runner.catchUp()]);
    expect(reached.map((each) => right(each))).to.deep.equal([3, 3, 3]);
    // One pass of one-event pages: one read per event and one that finds the end.
    expect(reading.readsAfter).to.deep.equal([0, 1, 2, 3]);
    expect(projection.applied).to.deep.equal([1, 2, 3]);
  });

  it('makes a catch-up called after an append wait for one more pass when the pass under way had already read the end', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchase('s1')));
    const projection = streamCounter();
    const held = heldGlobalReads(store);
    const runner = projectionRunner(held, projection);
    const reached = held.hold();
    const earlier = runner.catchUp();
    await reached;
    right(await executeAsActor(engine, purchase('s2')));
    const later = runner.catchUp();
    held.release();
    expect(right(await earlier), 'the pass under way read before the append').to.equal(1);
    expect(right(await later), 'the later caller sees its append').to.equal(2);
    expect(projection.applied).to.deep.equal([1, 2]);
  });

  it('resumes a new runner from the saved checkpoint and documents instead of the start of the log', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2']) right(await executeAsActor(engine, purchase(id)));
    right(await projectionRunner(store, streamCounter()).catchUp());
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const restarted = streamCounter();
    expect(right(await projectionRunner(store, restarted).catchUp())).to.equal(3);
    expect(restarted.applied).to.deep.equal([3]);
    expect(restarted.counts.get(streamOf('s1'))).to.deep.equal({ events: 2, version: 2 });
  });

  it('reloads and carries on when another runner moved the checkpoint first', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    const mine = streamCounter();
    const runner = projectionRunner(store, mine);
    right(await executeAsActor(engine, purchase('s1')));
    right(await runner.catchUp());
    right(await executeAsActor(engine, purchase('s2')));
    right(await projectionRunner(store, streamCounter()).catchUp());
    right(await executeAsActor(engine, purchase('s3')));
    expect(right(await runner.catchUp())).to.equal(3);
    expect([...mine.counts.keys()].sort()).to.deep.equal([streamOf('s1'), streamOf('s2'), streamOf('s3')]);
    const fresh = streamCounter();
    right(await projectionRunner(store, fresh).catchUp());
    expect(fresh.counts.size).to.equal(3);
  });

  it('rebuilds from zero when asked, reaching the same documents', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2']) right(await executeAsActor(engine, purchase(id)));
    right(await executeAsActor(engine, getKey('s2', 'key-1')));
    const projection = streamCounter();
    const runner = projectionRunner(store, projection);
    right(await runner.catchUp());
    const before = new Map(projection.counts);
    expect(right(await runner.rebuild())).to.equal(3);
    expect(projection.seen).to.deep.equal([1, 2, 3, 1, 2, 3]);
    expect(projection.counts).to.deep.equal(before);
  });

  it('ignores an event delivered again, so at-least-once delivery is applied once in effect', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchase('s1')));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const page = right(await store.readAll({ after: 0, limit: 10 }));
    const events = page.map((stored) => {
      const decoded = decodeStoredEvent(stored);
      if (E.isLeft(decoded)) throw new Error(decoded.left);
      return decoded.right;
    });
    const list = new SoftwareListProjection();
    for (const event of [...events, ...events]) list.apply(event);
    const item = list.items.get(streamOf('s1'));
    expect(item?.version).to.equal(2);
    expect(item?.keys).to.have.length(1);
  });

  it('keeps following new events until stopped', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    const projection = streamCounter();
    const stop = projectionRunner(store, projection).follow(5);
    right(await executeAsActor(engine, purchase('s1')));
    for (let i = 0; i < 100 && projection.applied.length === 0; i += 1) await pause(5);
    right(await executeAsActor(engine, purchase('s2')));
    for (let i = 0; i < 100 && projection.applied.length === 1; i += 1) await pause(5);
    stop();
    expect(projection.applied).to.deep.equal([1, 2]);
    right(await executeAsActor(engine, purchase('s3')));
    await pause(30);
    expect(projection.applied).to.deep.equal([1, 2]);
  });

  it('leaves out an event that does not decode, and says which', async () => {
    const store = inMemoryStore();
    const unhashed = { eventId: 'x', streamId: 'csp-software-bad', version: 1, type: 'Exploded', data: {}, meta: {}, prevHash: GENESIS_HASH };
    right(await store.appendToStream('csp-software-bad', 0, [{ ...unhashed, hash: recordHash(unhashed) }]));
    const projection = streamCounter();
    const runner = projectionRunner(store, projection);
    expect(E.isRight(await runner.catchUp())).to.equal(true);
    expect(projection.seen).to.deep.equal([]);
    expect(runner.skipped).to.have.length(1);
    expect(runner.skipped[0]).to.include({ position: 1, streamId: 'csp-software-bad' });
    expect(runner.skipped[0]?.problem).to.include('Exploded');
  });

  it('leaves documents and checkpoint unsaved on a catch-up without saves, and the next saving pass writes both passes\' changes', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    const runner = projectionRunner(store, streamCounter(), { batchSize: 2 });
    for (const id of ['s1', 's2', 's3']) right(await executeAsActor(engine, purchase(id)));
    expect(right(await runner.catchUp({ save: false }))).to.equal(3);
    expect((await savedCounter(store)).position).to.equal(0);

    right(await executeAsActor(engine, purchase('s4')));
    expect(right(await runner.catchUp())).to.equal(4);
    const saved = await savedCounter(store);
    expect(saved.position).to.equal(4);
    expect([...saved.documents.keys()].sort()).to.deep.equal([streamOf('s1'), streamOf('s2'), streamOf('s3'), streamOf('s4')]);
  });

  it('lets a saving catch-up that arrives during a pass without saves run its own pass after it', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2']) right(await executeAsActor(engine, purchase(id)));
    const projection = streamCounter();
    const runner = projectionRunner(store, projection);
    const [quiet, saving] = await Promise.all([runner.catchUp({ save: false }), runner.catchUp()]);
    expect([right(quiet), right(saving)]).to.deep.equal([2, 2]);
    expect(projection.seen).to.deep.equal([1, 2]);
    expect((await savedCounter(store)).position).to.equal(2);
  });

  it('saves every saveEvery events and where the pass ends, not after every page', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2', 's3', 's4', 's5']) right(await executeAsActor(engine, purchase(id)));
    const state = store.projections;
    if (state === undefined) throw new Error('the store keeps no projection state');
    const savedAt: number[] = [];
    const counting: EventStore = {
      ...store,
      projections: {
        ...state,
        save: (name, from, to, changed) => {
          savedAt.push(to);
          return state.save(name, from, to, changed);
        },
      },
    };
    expect(right(await projectionRunner(counting, streamCounter(), { batchSize: 1, saveEvery: 2 }).catchUp())).to.equal(5);
    expect(savedAt).to.deep.equal([2, 4, 5]);
    const saved = await savedCounter(store);
    expect(saved.position).to.equal(5);
    expect(saved.documents.size).to.equal(5);
  });

  it('saves only every saveEvery events when asked to save when due, never where the pass ends', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2', 's3', 's4', 's5']) right(await executeAsActor(engine, purchase(id)));
    const runner = projectionRunner(store, streamCounter(), { batchSize: 1, saveEvery: 2 });
    expect(right(await runner.catchUp({ save: 'when-due' }))).to.equal(5);
    expect((await savedCounter(store)).position).to.equal(4);
  });

  it('carries on from another runner\'s save that came between two of its own, applying each event once in effect', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2', 's3', 's4', 's5']) right(await executeAsActor(engine, purchase(id)));
    const other = projectionRunner(store, streamCounter());
    let interrupted = false;
    const interrupting: EventStore = {
      ...store,
      readAll: async (options) => {
        // Once this runner has saved at 2, the other runner saves the whole log first.
        if (options.after === 2 && !interrupted) {
          interrupted = true;
          right(await other.catchUp());
        }
        return store.readAll(options);
      },
    };
    const mine = streamCounter();
    expect(right(await projectionRunner(interrupting, mine, { batchSize: 1, saveEvery: 2 }).catchUp())).to.equal(5);
    expect(interrupted).to.equal(true);
    const saved = await savedCounter(store);
    expect(saved.position).to.equal(5);
    expect([...saved.documents.values()]).to.deep.equal(Array(5).fill({ events: 1, version: 1 }));
    expect([...mine.counts.values()]).to.deep.equal(Array(5).fill({ events: 1, version: 1 }));
  });

  it('refuses a saveEvery that is not a whole number of events of at least one', () => {
    const store = inMemoryStore();
    for (const saveEvery of [0, -1, 1.5, Number.NaN]) {
      expect(() => projectionRunner(store, streamCounter(), { saveEvery })).to.throw(RangeError, 'saveEvery must be a whole number of events >= 1');
    }
  });
});
