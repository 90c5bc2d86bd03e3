import { expect } from 'chai';
import type { EventStore, StoredEvent } from '@csp-onprem/engine';
import { checkLogAgainstHead, logTreeHead, signTreeHead, type SignedTreeHead } from '@csp-onprem/audit';
import { allRecords, appendTo, ed25519Pems, interleavedLog, right, storeOf } from './support.js';

describe('checking a log against a head, when a stream appeared in the past', () => {
  let store: EventStore;
  let records: StoredEvent[];
  let head: SignedTreeHead;
  // The same log with gaps between positions (10, 20, ... 90), as a store's sequence may leave them.
  let gapped: StoredEvent[];
  let gappedHead: SignedTreeHead;

  beforeEach(async () => {
    // SUB-1..3, 3 events each, round-robin: SUB-1 at 1, 4, 7; SUB-2 at 2, 5, 8; SUB-3 at 3, 6, 9.
    store = await interleavedLog(3, 3);
    records = await allRecords(store);
    head = right(signTreeHead(right(await logTreeHead(store)), ed25519Pems().privateKey, new Date('2026-12-07T10:00:00.000Z')));
    gapped = records.map((r) => ({ ...r, position: r.position * 10 }));
    gappedHead = right(signTreeHead(right(await logTreeHead(storeOf(gapped))), ed25519Pems().privateKey, new Date('2026-12-07T10:00:00.000Z')));
  });

  /** Events of a stream the head never had, appended after it, as the store wrote them. */
  async function newStream(streamId: string, count: number): Promise<StoredEvent[]> {
    await appendTo(store, streamId, count);
    return (await allRecords(store)).filter((r) => r.streamId === streamId);
  }

  it('names a stream the head did not have, slid in at a position the head covers', async () => {
    const [appeared] = await newStream('SUB-7', 1);
    const check = right(await checkLogAgainstHead(storeOf([...gapped, { ...(appeared as StoredEvent), position: 55 }]), gappedHead));
    expect(check.ok).to.equal(false);
    expect(check.findings).to.deep.equal([
      {
        kind: 'stream-appeared',
        streamId: 'SUB-7',
        message: 'stream SUB-7 appeared: 1 event at or before position 90 (the last at position 55) that the head of 2026-12-07T10:00:00.000Z did not have',
      },
    ]);
  });

  it('counts every event of the stream that appeared, and names the position of its last', async () => {
    const appeared = await newStream('SUB-8', 2);
    const slid = appeared.map((r, i) => ({ ...r, position: [15, 45][i] as number }));
    const check = right(await checkLogAgainstHead(storeOf([...gapped, ...slid]), gappedHead));
    expect(check.findings).to.deep.equal([
      {
        kind: 'stream-appeared',
        streamId: 'SUB-8',
        message: 'stream SUB-8 appeared: 2 events at or before position 90 (the last at position 45) that the head of 2026-12-07T10:00:00.000Z did not have',
      },
    ]);
  });

  it('names each stream that appeared, in stream id order', async () => {
    const [later] = await newStream('SUB-9', 1);
    const [earlier] = await newStream('SUB-5', 1);
    const check = right(await checkLogAgainstHead(storeOf([...gapped, { ...(later as StoredEvent), position: 25 }, { ...(earlier as StoredEvent), position: 85 }]), gappedHead));
    expect(check.findings.map((f) => [f.kind, f.streamId])).to.deep.equal([
      ['stream-appeared', 'SUB-5'],
      ['stream-appeared', 'SUB-9'],
    ]);
  });

  it('finds nothing when a new stream appears only after the head\'s position', async () => {
    await newStream('SUB-7', 2);
    expect(right(await checkLogAgainstHead(store, head))).to.deep.include({ ok: true, findings: [] });
  });
});
