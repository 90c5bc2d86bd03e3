import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import {
  checkHeadsDigest,
  createEngine,
  decodeHeadsDigest,
  headsDigest,
  inMemoryStore,
  merkleRoot,
  type EventStore,
  type StoredEvent,
} from '@csp-onprem/engine';
import { allRecords, getKey, purchase, right, streamOf } from './support.js';
import { executeAsActor } from '@csp-onprem/testing';

async function threeStreams(): Promise<EventStore> {
  const store = inMemoryStore();
  const engine = createEngine({ store });
  for (const id of ['s1', 's2', 's3']) right(await executeAsActor(engine, purchase(id)));
  right(await executeAsActor(engine, getKey('s2', 'key-1')));
  return store;
}

/** A store whose global order is exactly the given records. */
function storeOf(records: readonly StoredEvent[]): EventStore {
  return { ...inMemoryStore(), readAll: async ({ after, limit }) => E.right(records.filter((r) => r.position > after).slice(0, limit)) };
}

describe('head digests', () => {
  it('digest every stream head with the counts and the position of the last event', async () => {
    const digest = right(await headsDigest(await threeStreams()));
    expect(digest).to.include({ format: 'csp-onprem-heads/1', position: 4, streams: 3, events: 4 });
    expect(digest.root).to.match(/^[0-9a-f]{64}$/);
  });

  it('do not depend on the order the heads are given in', () => {
    const heads = [1, 2, 3].map((n) => ({ streamId: `s${n}`, version: n, hash: String(n).repeat(64) }));
    expect(merkleRoot(heads)).to.equal(merkleRoot([...heads].reverse()));
    expect(merkleRoot(heads)).not.to.equal(merkleRoot(heads.slice(0, 2)));
  });

  it('still hold after the log only grew', async () => {
    const store = await threeStreams();
    const digest = right(await headsDigest(store));
    const engine = createEngine({ store });
    right(await executeAsActor(engine, getKey('s1', 'key-2')));
    right(await executeAsActor(engine, purchase('s4')));
    expect(right(await checkHeadsDigest(store, digest)).ok).to.equal(true);
  });

  it('catch a deleted stream', async () => {
    const store = await threeStreams();
    const digest = right(await headsDigest(store));
    const records = (await allRecords(store)).filter((r) => r.streamId !== streamOf('s3'));
    const check = right(await checkHeadsDigest(storeOf(records), digest));
    expect(check.ok).to.equal(false);
    expect(check.problem).to.include('3 streams were digested, 2 are there now');
  });

  it('catch a truncated stream, even when everything left still chains', async () => {
    const store = await threeStreams();
    const digest = right(await headsDigest(store));
    const records = (await allRecords(store)).filter((r) => !(r.streamId === streamOf('s2') && r.version === 2));
    expect(right(await checkHeadsDigest(storeOf(records), digest)).ok).to.equal(false);
  });

  it('catch a stream rewritten by someone who recomputed every hash', async () => {
    const store = await threeStreams();
    const digest = right(await headsDigest(store));
    const records = (await allRecords(store)).map((r) => (r.streamId === streamOf('s1') ? { ...r, hash: 'f'.repeat(64) } : r));
    const check = right(await checkHeadsDigest(storeOf(records), digest));
    expect(check.ok).to.equal(false);
    expect(check.problem).to.include('Merkle root');
  });

  it('can be taken at an earlier position', async () => {
    const store = await threeStreams();
    const atTwo = right(await headsDigest(store, 2));
    expect(atTwo).to.include({ position: 2, streams: 2, events: 2 });
    expect(right(await checkHeadsDigest(store, atTwo)).ok).to.equal(true);
  });

  it('refuse a malformed digest file, naming the wrong fields', () => {
    const decoded = decodeHeadsDigest({ format: 'csp-onprem-heads/1', position: -1, streams: 2, events: 2, root: 'nope' });
    expect(E.isLeft(decoded) && decoded.left).to.include('position').and.to.include('root');
  });
});
