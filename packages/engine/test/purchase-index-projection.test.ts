import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import {
  createEngine,
  decodeStoredEvent,
  GENESIS_HASH,
  inMemoryStore,
  projectionRunner,
  purchaseStreamId,
  PurchaseIndexProjection,
  recordHash,
  storeUnavailable,
  type EventStore,
  type RecordedEvent,
} from '@csp-onprem/engine';
import { executeAsActor } from '@csp-onprem/testing';
import { admin, allRecords, CUSTOMER, getKey, PARTNER, purchase, right } from './support.js';

const OTHER_PARTNER = '33333333-3333-4333-8333-333333333333';

/** A purchase placed on a given order, by the first partner or another. */
function purchaseOn(orderId: string, subscriptionId: string, partnerId = PARTNER) {
  return { ...purchase(subscriptionId), orderId, partnerId, actor: { ...admin, tenantId: partnerId } };
}

async function decodedEvents(store: EventStore): Promise<RecordedEvent[]> {
  return (await allRecords(store)).map((stored) => {
    const decoded = decodeStoredEvent(stored);
    if (E.isLeft(decoded)) throw new Error(decoded.left);
    return decoded.right;
  });
}

/** What the store keeps for a projection: checkpoint and documents. */
async function saved(store: EventStore, name = 'purchase-index') {
  if (store.projections === undefined) throw new Error('the store keeps no projection state');
  return right(await store.projections.load(name));
}

/** The stream ids of purchase refs. */
const streams = (refs: readonly { streamId: string }[]) => refs.map((ref) => ref.streamId);
const own = (subscriptionId: string, partnerId = PARTNER) => purchaseStreamId(partnerId, subscriptionId);

describe('the purchase index projection', () => {
  it('finds the purchases of an order and of a subscription id, in purchase order, whichever partner sold them', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const command of [purchaseOn('ORD-1', 's1'), purchaseOn('ORD-1', 's2', OTHER_PARTNER), purchaseOn('ORD-1', 's3'), purchaseOn('ORD-2', 's1', OTHER_PARTNER)]) {
      right(await executeAsActor(engine, command));
    }
    const index = new PurchaseIndexProjection();
    for (const event of await decodedEvents(store)) index.apply(event);
    expect(streams(index.ofOrder('ORD-1'))).to.deep.equal([own('s1'), own('s2', OTHER_PARTNER), own('s3')]);
    expect(streams(index.withSubscription('s1'))).to.deep.equal([own('s1'), own('s1', OTHER_PARTNER)]);
    expect(index.purchase(own('s2', OTHER_PARTNER))).to.deep.include({ subscriptionId: 's2', orderId: 'ORD-1', partnerId: OTHER_PARTNER, customerTenantId: CUSTOMER });
    expect(index.ofOrder('ORD-404')).to.deep.equal([]);
    expect(index.withSubscription('s404')).to.deep.equal([]);
    expect(index.legacyStreams).to.equal(0);
  });

  it('finds the purchase a ticket was opened on, and counts purchases kept in streams keyed the old way', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchaseOn('ORD-1', 's1')));
    const requested = right(await executeAsActor(engine, { ...cancellationOf('ORD-1'), subscriptionId: 's1' }));
    const ticketId = (requested.events[0]?.data as { ticketId: string }).ticketId;
    const index = new PurchaseIndexProjection();
    for (const event of await decodedEvents(store)) index.apply(event);
    expect(streams(index.withTicket(ticketId))).to.deep.equal([own('s1')]);
    expect(index.withTicket('TKT-404')).to.deep.equal([]);
    const [purchased] = await decodedEvents(store);
    index.apply({ ...(purchased as RecordedEvent), streamId: 'csp-software-s1' });
    expect(index.legacyStreams).to.equal(1);
  });

  it('changes nothing for a purchase delivered again, or for any event but a first Purchased and a CancelRequested', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchaseOn('ORD-1', 's1')));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const [purchased, keyIssued] = await decodedEvents(store);
    const index = new PurchaseIndexProjection();
    expect(index.apply(purchased as RecordedEvent)).to.equal(`purchase:${own('s1')}`);
    expect(index.apply(purchased as RecordedEvent)).to.equal(undefined);
    expect(index.apply(keyIssued as RecordedEvent)).to.equal(undefined);
    expect(index.document(`purchase:${own('s1')}`)).to.deep.include({ subscriptionId: 's1', orderId: 'ORD-1', partnerId: PARTNER });
  });

  it('is saved with its own checkpoint by the engine\'s catch-up and restored from what was saved, and asks for a rebuild when a saved document does not decode', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchaseOn('ORD-1', 's1')));
    right(await executeAsActor(engine, purchaseOn('ORD-1', 's2')));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    expect(right(await engine.catchUp())).to.equal(3);
    const index = await saved(store);
    expect(index.position).to.equal(3);
    expect([...index.documents.keys()]).to.have.members([`purchase:${own('s1')}`, `purchase:${own('s2')}`]);

    const restored = new PurchaseIndexProjection();
    expect(restored.restore(index.documents)).to.equal('restored');
    expect(streams(restored.ofOrder('ORD-1'))).to.deep.equal([own('s1'), own('s2')]);
    const damaged: [string, unknown][][] = [[[`purchase:${own('bad')}`, { subscriptionId: 7 }]], [['ticket:TKT-ODD', 'not streams']], [['ORD-OLD', [{ subscriptionId: 's9' }]]]];
    for (const documents of damaged) {
      const again = new PurchaseIndexProjection();
      expect(again.restore(new Map<string, unknown>([...index.documents, ...documents])), JSON.stringify(documents)).to.equal('rebuild');
    }
  });

  it('lets an engine that only runs commands resolve a cancellation by order id without saving any read model', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchaseOn('ORD-7', 's7')));
    const cancelled = await executeAsActor(engine, cancellationOf('ORD-7'));
    expect(E.isRight(cancelled) ? cancelled.right.streamId : cancelled.left.message).to.equal(own('s7'));
    expect((await saved(store)).position).to.equal(0);
    expect((await saved(store, 'software-list')).position).to.equal(0);
  });

  it('saves the purchase index from the command path once projectionSaveEvery events have passed, so a command-only process resumes near the end', async () => {
    const store = inMemoryStore();
    const writer = createEngine({ store });
    for (const id of ['s1', 's2', 's3']) right(await executeAsActor(writer, purchaseOn('ORD-7', id)));
    right(await executeAsActor(writer, purchaseOn('ORD-8', 's4')));
    const engine = createEngine({ store, projectionSaveEvery: 2 });
    right(await executeAsActor(engine, cancellationOf('ORD-8')));
    const index = await saved(store);
    expect(index.position).to.equal(4);
    expect(index.documents.get(`purchase:${own('s4')}`)).to.deep.include({ orderId: 'ORD-8', subscriptionId: 's4', partnerId: PARTNER });
    expect((await saved(store, 'software-list')).position).to.equal(0);
  });
});

/** A cancellation request naming only its order. */
function cancellationOf(orderId: string) {
  return {
    type: 'RequestCancellation',
    commandId: `cancel-${orderId}`,
    actor: admin,
    orderId,
    customer: { tenantId: CUSTOMER },
    refundReason: 'wrong edition',
    requestedAmount: { amount: 100, currency: 'USD' },
    impact: 'none',
    title: `Cancel ${orderId}`,
    contact: { name: 'Alice', email: 'alice@partner.example', phone: '+1 425 555 0100' },
  };
}

describe('a projection runner for a projection that names its event types', () => {
  it('passes over the other types without decoding them, and still reaches the end of the log', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchaseOn('ORD-1', 's1')));
    const unreadable = { eventId: 'x', streamId: 'csp-software-bad', version: 1, type: 'Exploded', data: {}, meta: {}, prevHash: GENESIS_HASH };
    right(await store.appendToStream('csp-software-bad', 0, [{ ...unreadable, hash: recordHash(unreadable) }]));
    right(await executeAsActor(engine, purchaseOn('ORD-1', 's2')));

    const runner = projectionRunner(store, new PurchaseIndexProjection());
    expect(right(await runner.catchUp())).to.equal(3);
    expect(runner.skipped).to.deep.equal([]);
    const index = await saved(store);
    expect(index.position).to.equal(3);
    expect(index.documents.size).to.equal(2);
  });
});

describe('an engine following its read models', () => {
  it('keeps both read models following new events until stopped', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const positions = async () => [(await saved(store)).position, (await saved(store, 'software-list')).position];
    const reach = async (position: number) => {
      for (let i = 0; i < 100 && (await positions()).some((each) => each < position); i += 1) await pause(5);
    };
    const stop = engine.followProjections(5);
    right(await executeAsActor(engine, purchaseOn('ORD-1', 's1')));
    await reach(1);
    right(await executeAsActor(engine, purchaseOn('ORD-1', 's2')));
    await reach(2);
    stop();
    const lines = [`purchase:${own('s1')}`, `purchase:${own('s2')}`];
    expect(await positions()).to.deep.equal([2, 2]);
    expect([...(await saved(store)).documents.keys()]).to.have.members(lines);

    right(await executeAsActor(engine, purchaseOn('ORD-1', 's3')));
    await pause(30);
    expect(await positions()).to.deep.equal([2, 2]);
    expect([...(await saved(store)).documents.keys()]).to.have.members(lines);
  });

  it('reports a store that fails once per tick, not once per read model', async () => {
    const store = inMemoryStore();
    const failing: EventStore = { ...store, readAll: async () => E.left(storeUnavailable('test store', 'the disk is gone')) };
    const engine = createEngine({ store: failing });
    const errors: string[] = [];
    const stop = engine.followProjections(1000, (error) => {
      errors.push(error.code);
      stop();
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    stop();
    expect(errors).to.deep.equal(['StoreUnavailable']);
  });
});
