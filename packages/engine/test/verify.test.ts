import { expect } from 'chai';
import { createEngine, inMemoryStore, verifyStore, type EventRecord, type EventStore, type StoredEvent } from '@csp-onprem/engine';
import { allRecords, getKey, purchase, right, streamOf } from './support.js';
import { executeAsActor } from '@csp-onprem/testing';

async function loggedStore(): Promise<StoredEvent[]> {
  const store = inMemoryStore();
  const engine = createEngine({ store });
  right(await executeAsActor(engine, purchase('s1')));
  right(await executeAsActor(engine, purchase('s2')));
  right(await executeAsActor(engine, getKey('s1', 'key-1')));
  right(await executeAsActor(engine, getKey('s1', 'key-2')));
  return allRecords(store);
}

/** A store holding exactly the given records, as a tampered database would. */
async function storeOf(records: readonly StoredEvent[]): Promise<EventStore> {
  const store = inMemoryStore();
  const raw = [...records];
  return {
    ...store,
    readAll: async ({ after, limit }) => ({ _tag: 'Right', right: raw.filter((r) => r.position > after).slice(0, limit) }),
  };
}

function edit(records: StoredEvent[], index: number, change: Partial<EventRecord>): StoredEvent[] {
  return records.map((r, i) => (i === index ? { ...r, ...change } : r));
}

describe('verify', () => {
  it('accepts an untouched log and counts its events and streams', async () => {
    const report = right(await verifyStore(await storeOf(await loggedStore())));
    expect(report).to.include({ ok: true, events: 4, streams: 2, position: 4 });
  });

  it('names the event whose data was edited, with the hash problem', async () => {
    const records = await loggedStore();
    const tampered = edit(records, 2, { data: { ...(records[2]?.data as object), fingerprint: 'sha256:0000000000000000' } });
    const report = right(await verifyStore(await storeOf(tampered)));
    expect(report.ok).to.equal(false);
    expect(report.firstFailure).to.include({ streamId: streamOf('s1'), version: 2, position: 3, problem: 'hash' });
  });

  it('names a broken link when an event was removed from the middle of a stream', async () => {
    const records = await loggedStore();
    const withoutSecond = records.filter((_, i) => i !== 2).map((r) => (r.streamId === streamOf('s1') && r.version === 3 ? { ...r, version: 2 } : r));
    const report = right(await verifyStore(await storeOf(withoutSecond)));
    expect(report.firstFailure).to.include({ streamId: streamOf('s1'), position: 4, problem: 'prev-hash' });
  });

  it('names a gap in versions', async () => {
    const records = await loggedStore();
    const report = right(await verifyStore(await storeOf(records.filter((_, i) => i !== 2))));
    expect(report.firstFailure).to.include({ streamId: streamOf('s1'), version: 3, position: 4, problem: 'version-gap' });
  });

  it('names an event that no longer decodes even when its hash was recomputed by the tamperer', async () => {
    const records = await loggedStore();
    const first = records[0];
    if (first === undefined) throw new Error('no records');
    const { recordHash } = await import('@csp-onprem/engine');
    const broken = { ...first, data: { nonsense: true } };
    const rehashed = { ...broken, hash: recordHash(broken) };
    const report = right(await verifyStore(await storeOf([rehashed])));
    expect(report.firstFailure).to.include({ streamId: streamOf('s1'), version: 1, problem: 'decode' });
  });
});

describe('a verified pass over the log', () => {
  it('hands every event that holds to the fold once, in position order, decoded', async () => {
    const { verifiedPass } = await import('@csp-onprem/engine');
    const seen: string[] = [];
    const report = right(await verifiedPass(await storeOf(await loggedStore()), (event) => void seen.push(`${event.position}:${event.type}`)));
    expect(report.ok).to.equal(true);
    expect(seen).to.deep.equal(['1:Purchased', '2:Purchased', '3:KeyIssued', '4:KeyViewed']);
  });

  it('stops at the first bad event, having handed on only the events before it', async () => {
    const { verifiedPass } = await import('@csp-onprem/engine');
    const records = await loggedStore();
    const tampered = edit(records, 2, { type: 'KeyViewed' });
    const seen: number[] = [];
    const report = right(await verifiedPass(await storeOf(tampered), (event) => void seen.push(event.position)));
    expect(report.firstFailure).to.include({ position: 3, problem: 'hash' });
    expect(seen).to.deep.equal([1, 2]);
  });

  it('asks for the next page before checking the one it holds, and reads each page once', async () => {
    const { verifiedPass } = await import('@csp-onprem/engine');
    const records = await loggedStore();
    const log: string[] = [];
    const store = await storeOf(records);
    const reading: EventStore = {
      ...store,
      readAll: async (options) => {
        log.push(`read after ${options.after}`);
        return store.readAll(options);
      },
    };
    right(await verifiedPass(reading, (event) => void log.push(`event ${event.position}`), undefined, 2));
    expect(log).to.deep.equal(['read after 0', 'read after 2', 'event 1', 'event 2', 'read after 4', 'event 3', 'event 4']);
  });

  it('stops at a bad event without waiting for the page it had asked for next, even one that fails', async () => {
    const { verifiedPass } = await import('@csp-onprem/engine');
    const records = await loggedStore();
    const tampered = edit(records, 0, { type: 'KeyViewed' });
    const store = await storeOf(tampered);
    let reads = 0;
    const failingLater: EventStore = {
      ...store,
      readAll: async (options) => {
        reads += 1;
        if (reads > 1) throw new Error('the connection dropped');
        return store.readAll(options);
      },
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const report = right(await verifiedPass(failingLater, () => undefined, undefined, 2));
      expect(report.firstFailure).to.include({ position: 1, problem: 'hash' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).to.deep.equal([]);
      expect(reads).to.equal(2);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
