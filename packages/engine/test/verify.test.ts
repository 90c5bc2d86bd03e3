import { expect } from 'chai';
import { createEngine, inMemoryStore, verifyStore, type EventRecord, type EventStore, type StoredEvent } from '@csp-onprem/engine';
import { allRecords, getKey, purchase, right } from './support.js';

async function loggedStore(): Promise<StoredEvent[]> {
  const store = inMemoryStore();
  const engine = createEngine({ store });
  right(await engine.execute(purchase('s1')));
  right(await engine.execute(purchase('s2')));
  right(await engine.execute(getKey('s1', 'key-1')));
  right(await engine.execute(getKey('s1', 'key-2')));
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
    expect(report.firstFailure).to.include({ streamId: 'csp-software-s1', version: 2, position: 3, problem: 'hash' });
  });

  it('names a broken link when an event was removed from the middle of a stream', async () => {
    const records = await loggedStore();
    const withoutSecond = records.filter((_, i) => i !== 2).map((r) => (r.streamId === 'csp-software-s1' && r.version === 3 ? { ...r, version: 2 } : r));
    const report = right(await verifyStore(await storeOf(withoutSecond)));
    expect(report.firstFailure).to.include({ streamId: 'csp-software-s1', position: 4, problem: 'prev-hash' });
  });

  it('names a gap in versions', async () => {
    const records = await loggedStore();
    const report = right(await verifyStore(await storeOf(records.filter((_, i) => i !== 2))));
    expect(report.firstFailure).to.include({ streamId: 'csp-software-s1', version: 3, position: 4, problem: 'version-gap' });
  });

  it('names an event that no longer decodes even when its hash was recomputed by the tamperer', async () => {
    const records = await loggedStore();
    const first = records[0];
    if (first === undefined) throw new Error('no records');
    const { recordHash } = await import('@csp-onprem/engine');
    const broken = { ...first, data: { nonsense: true } };
    const rehashed = { ...broken, hash: recordHash(broken) };
    const report = right(await verifyStore(await storeOf([rehashed])));
    expect(report.firstFailure).to.include({ streamId: 'csp-software-s1', version: 1, problem: 'decode' });
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
});
