import { expect } from 'chai';
import { purchaseStreamId, verifyStore, type EventStore, type StoredEvent } from '@csp-onprem/engine';
import { checkLogAgainstHead, logTreeHead, signTreeHead, type SignedTreeHead } from '@csp-onprem/audit';
import { allRecords, appendTo, ed25519Pems, engineLog, interleavedLog, right, storeOf, withRewrittenEvent } from './support.js';

describe('checking a log against a head', () => {
  let store: EventStore;
  let records: StoredEvent[];
  let head: SignedTreeHead;

  beforeEach(async () => {
    // SUB-1..3, 3 events each, round-robin: SUB-1 at 1, 4, 7; SUB-2 at 2, 5, 8; SUB-3 at 3, 6, 9.
    store = await interleavedLog(3, 3);
    records = await allRecords(store);
    head = right(signTreeHead(right(await logTreeHead(store)), ed25519Pems().privateKey, new Date('2026-12-07T10:00:00.000Z')));
  });

  it('finds nothing when the log only grew since the head', async () => {
    await appendTo(store, 'SUB-2', 2);
    await appendTo(store, 'SUB-9', 1);
    const check = right(await checkLogAgainstHead(store, head));
    expect(check).to.deep.include({ ok: true, findings: [] });
    expect(check.recomputed).to.deep.equal({ format: head.format, treeSize: head.treeSize, position: head.position, root: head.root, streams: head.streams });
  });

  it('names a stream whose last event was deleted, with the event\'s position', async () => {
    const check = right(await checkLogAgainstHead(storeOf(records.filter((r) => r.position !== 8)), head));
    expect(check.ok).to.equal(false);
    expect(check.findings).to.deep.equal([
      { kind: 'events-missing', streamId: 'SUB-2', count: 1, message: 'stream SUB-2: 1 event missing since the head of 2026-12-07T10:00:00.000Z (version 3 at position 8)' },
      { kind: 'log-shorter', message: 'the log has 8 events now, the head of 2026-12-07T10:00:00.000Z covered 9' },
    ]);
  });

  it('names a stream that lost its last events even when later events filled the log up again', async () => {
    await appendTo(store, 'SUB-3', 3);
    const check = right(await checkLogAgainstHead(storeOf((await allRecords(store)).filter((r) => r.position !== 4 && r.position !== 7)), head));
    expect(check.findings.map((f) => f.message)).to.deep.equal(['stream SUB-1: 2 events missing since the head of 2026-12-07T10:00:00.000Z (versions 2 to 3, the last at position 7)']);
  });

  it('names a stream that vanished', async () => {
    const check = right(await checkLogAgainstHead(storeOf(records.filter((r) => r.streamId !== 'SUB-3')), head));
    expect(check.findings[0]).to.deep.equal({
      kind: 'stream-vanished',
      streamId: 'SUB-3',
      message: 'stream SUB-3 vanished: the head of 2026-12-07T10:00:00.000Z had 3 events of it, the last at position 9; the log has none at or before position 9 now',
    });
  });

  it('names a purchase rewritten with a recomputed chain, which the chain check alone lets pass', async () => {
    const engineStore = await engineLog(3);
    const engineRecords = await allRecords(engineStore);
    const engineHead = right(signTreeHead(right(await logTreeHead(engineStore)), ed25519Pems().privateKey, new Date('2026-12-07T10:00:00.000Z')));
    const purchase = engineRecords[0] as StoredEvent;
    const cheaper = { ...(purchase.data as Record<string, unknown>), paid: { amount: 12310, currency: 'USD' } };
    const streamId = purchaseStreamId('11111111-1111-4111-8111-111111111111', 'SUB-1');
    const rewritten = storeOf(withRewrittenEvent(engineRecords, streamId, 1, cheaper));
    expect(right(await verifyStore(rewritten)).ok).to.equal(true);
    const check = right(await checkLogAgainstHead(rewritten, engineHead));
    expect(check.findings).to.deep.equal([
      {
        kind: 'stream-rewritten',
        streamId,
        message: `stream ${streamId} was rewritten: its event version 2 (position 4) is not the one the head of 2026-12-07T10:00:00.000Z recorded`,
      },
    ]);
  });

  it('names events written into the past: appended after the head with a position at or before its own', async () => {
    // A log whose positions have gaps (10, 20, ... 90), as a store's sequence may leave them.
    const gapped = records.map((r) => ({ ...r, position: r.position * 10 }));
    const gappedHead = right(await logTreeHead(storeOf(gapped)));
    // Later, an adversary with write access slides a new event of SUB-2 in at position 55.
    await appendTo(store, 'SUB-2', 1);
    const late = (await allRecords(store)).find((r) => r.streamId === 'SUB-2' && r.version === 4) as StoredEvent;
    const check = right(await checkLogAgainstHead(storeOf([...gapped, { ...late, position: 55 }]), gappedHead));
    expect(check.findings).to.deep.equal([
      {
        kind: 'events-added',
        streamId: 'SUB-2',
        count: 1,
        message: 'stream SUB-2: 1 event at or before position 90 that the head at position 90 did not have (up to version 4, position 55): written into the past',
      },
    ]);
  });

  it('names a change of order across streams that leaves every stream as it was', async () => {
    const engineStore = await engineLog(3);
    const engineRecords = await allRecords(engineStore);
    const engineHead = right(await logTreeHead(engineStore));
    // Swap the positions of the purchases of SUB-1 (position 1) and SUB-2 (position 2): each chain still holds.
    const swapped = engineRecords.map((r) => (r.position === 1 ? { ...r, position: 2 } : r.position === 2 ? { ...r, position: 1 } : r));
    expect(right(await verifyStore(storeOf(swapped))).ok).to.equal(true);
    const check = right(await checkLogAgainstHead(storeOf(swapped), engineHead));
    expect(check.findings).to.deep.equal([
      {
        kind: 'order-changed',
        message: 'the order of events changed at or before position 6: every stream holds the events the head at position 6 recorded, but not in the same places of the global order',
      },
    ]);
  });

  it('names a stream\'s last event that moved to another position', async () => {
    const moved = records.map((r) => (r.position === 9 ? { ...r, position: 10 } : r));
    const check = right(await checkLogAgainstHead(storeOf(moved), { ...head, position: 10 }));
    expect(check.findings.map((f) => f.message)).to.include('stream SUB-3: its event version 3 moved from position 9 to position 10');
    expect(check.findings.find((f) => f.kind === 'event-moved')).to.deep.include({ streamId: 'SUB-3', position: 10 });
  });

  it('names a head whose stream list does not match its own root', async () => {
    const check = right(await checkLogAgainstHead(store, { ...head, streams: head.streams.slice(1) }));
    expect(check.ok).to.equal(false);
    expect(check.findings[0]?.kind).to.equal('head-inconsistent');
  });

  it('finds nothing to compare for the head of an empty log', async () => {
    const empty = right(await logTreeHead(storeOf([])));
    expect(right(await checkLogAgainstHead(store, empty))).to.deep.include({ ok: true, findings: [] });
  });
});
