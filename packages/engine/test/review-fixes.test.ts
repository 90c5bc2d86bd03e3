import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { percentOf, ticketIdFor } from '@csp-onprem/domain';
import { createEngine, inMemoryStore, keyFingerprint, manualClock } from '@csp-onprem/engine';
import { admin, allRecords, CUSTOMER, getKey, PARTNER, purchase, right } from './support.js';
import { executeAsActor } from '@csp-onprem/testing';

const otherPartner = { userId: 'mallory', tenantId: '99999999-9999-4999-8999-999999999999', roles: ['AdminAgent'] };
const contact = { name: 'Alice', email: 'alice@partner.example', phone: '+1 425 555 0100' };

function cancellation(subscriptionId: string, refundReason: string) {
  return { type: 'RequestCancellation', commandId: `cancel-${subscriptionId}`, actor: admin, customer: { tenantId: CUSTOMER }, subscriptionId, refundReason, requestedAmount: { amount: 100, currency: 'USD' }, impact: 'none', title: 'Cancel', contact };
}

describe('guards found in review', () => {
  it('refuses a cancellation window too long to compute a deadline, naming the field', async () => {
    const store = inMemoryStore();
    const result = await executeAsActor(createEngine({ store }), { ...purchase('s1'), cancellationPolicy: { windowDays: 200_000_000, creditPercent: 100 } });
    expect(E.isLeft(result) && result.left.code).to.equal('InvalidCommand');
    expect(E.isLeft(result) && result.left.message).to.include('cancellationPolicy.windowDays');
    expect(await allRecords(store)).to.have.length(0);
  });

  it('keeps every event it writes readable: a refund reason at the limit still makes a ticket another engine can read', async () => {
    const store = inMemoryStore();
    right(await executeAsActor(createEngine({ store }), purchase('s1')));
    right(await executeAsActor(createEngine({ store }), cancellation('s1', 'x'.repeat(4000))));
    const list = right(await createEngine({ store }).as(admin).softwareList(CUSTOMER));
    expect(list[0]?.status).to.equal('cancellation-pending');
  });

  it('makes ticket ids that fit an identifier, however long the subscription id', async () => {
    const subscriptionId = 's'.repeat(198);
    const ticketId = ticketIdFor(PARTNER, subscriptionId, 2);
    expect(ticketId.length).to.be.at.most(200);
    expect(ticketIdFor(PARTNER, subscriptionId, 2)).to.equal(ticketId);
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, { ...purchase(subscriptionId, 'buy-long'), orderId: 'order-long' }));
    right(await executeAsActor(engine, { ...cancellation(subscriptionId, 'too long an id'), commandId: 'cancel-long' }));
    const support = { userId: 'desk', tenantId: '44444444-4444-4444-8444-444444444444', roles: ['Support'] };
    const completed = right(await executeAsActor(createEngine({ store }), { type: 'CompleteCancellation', commandId: 'done', actor: support, subscriptionId, ticketId }));
    expect(completed.events[0]?.type).to.equal('CancelCompleted');
  });

  it("refuses a provider's link that is not an http(s) URL with an expiry, writing nothing and never quoting it", async () => {
    const copy = { type: 'CopyDownloadLink', commandId: 'link-1', actor: admin, subscriptionId: 's1', variant: { version: '2019', language: 'en-us', bitness: '64-bit' } };
    for (const link of [{ url: 'javascript:alert(1)//token=secret', expiresAt: new Date(0) }, { url: 'https://x.invalid/?token=secret', expiresAt: new Date(Number.NaN) }]) {
      const store = inMemoryStore();
      const engine = createEngine({ store, linkProvider: { createLink: async () => link } });
      right(await executeAsActor(engine, purchase('s1')));
      const result = await executeAsActor(engine, copy);
      expect(E.isLeft(result) && result.left.code).to.equal('StoreUnavailable');
      expect(JSON.stringify(result)).to.not.include('secret');
      expect(await allRecords(store)).to.have.length(1);
    }
  });

  it("gives a provider's long link to whoever copied it and keeps only its fingerprint, host and expiry", async () => {
    const store = inMemoryStore();
    const url = `https://downloads.example.invalid/${'a'.repeat(5000)}?token=bearer-secret`;
    const engine = createEngine({ store, linkProvider: { createLink: async ({ now }) => ({ url, expiresAt: now }) } });
    right(await executeAsActor(engine, purchase('s1')));
    const copy = { type: 'CopyDownloadLink', commandId: 'link-1', actor: admin, subscriptionId: 's1', variant: { version: '2019', language: 'en-us', bitness: '64-bit' } };
    const copied = right(await executeAsActor(engine, copy));
    expect(copied.downloadLink?.url).to.equal(url);
    expect(copied.events[0]?.data).to.deep.include({ linkHost: 'downloads.example.invalid', linkFingerprint: keyFingerprint(url) });
    expect(JSON.stringify(await allRecords(store))).to.not.include('bearer-secret');
    const again = right(await executeAsActor(engine, copy));
    expect(again.replayed).to.equal(true);
    expect(again).to.not.have.property('downloadLink');
  });

  it("never replays a purchase to another partner who reuses its command id: that partner's own purchase is made in its own namespace", async () => {
    const engine = createEngine({ store: inMemoryStore() });
    const first = right(await executeAsActor(engine, purchase('s1')));
    const theirs = right(await executeAsActor(engine, { ...purchase('s1'), actor: otherPartner, partnerId: otherPartner.tenantId }));
    expect(theirs.replayed).to.equal(false);
    expect(theirs.streamId).to.not.equal(first.streamId);
    expect(theirs.events[0]?.eventId).to.not.equal(first.events[0]?.eventId);
  });

  it('never replays a key to another user of the same partner, so every view is recorded', async () => {
    const engine = createEngine({ store: inMemoryStore() });
    right(await executeAsActor(engine, purchase('s1')));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const colleague = { ...admin, userId: 'bob@partner' };
    const replay = await executeAsActor(engine, { ...getKey('s1', 'key-1'), actor: colleague });
    expect(E.isLeft(replay) && replay.left.code).to.equal('InvalidCommand');
    expect(E.isLeft(replay) && replay.left.message).to.include('another user');

    const ownView = right(await executeAsActor(engine, { ...getKey('s1', 'key-2'), actor: colleague }));
    expect(ownView.events.map((event) => event.type), 'the colleague\'s own view is recorded').to.deep.equal(['KeyViewed']);
    const trail = right(await engine.as(admin).auditTrail());
    expect(trail.filter((entry) => entry.type === 'KeyViewed').map((entry) => entry.userId)).to.include('bob@partner');
  });

  it('never credits more than was asked, even for amounts near the largest safe integer', () => {
    for (const amount of [9_007_199_254_740_985, 9_007_199_254_740_991, 12_345, 99]) {
      const credit = percentOf({ amount, currency: 'USD' }, 100).amount;
      expect(credit).to.equal(amount);
      expect(BigInt(percentOf({ amount, currency: 'USD' }, 37).amount)).to.equal((BigInt(amount) * 37n) / 100n);
    }
  });

  it('refuses a variant part holding "|", which would collide with another variant\'s key', async () => {
    const result = await executeAsActor(createEngine({ store: inMemoryStore() }), { ...getKey('s1', 'k'), variant: { version: '2019|en', language: 'us', bitness: '64-bit' } });
    expect(E.isLeft(result) && result.left.message).to.include('variant.version');
  });

  it('answers Forbidden to a reader with no read role whether or not the subscription exists', async () => {
    const engine = createEngine({ store: inMemoryStore() });
    right(await executeAsActor(engine, purchase('s1')));
    const sales = { userId: 'sam', tenantId: PARTNER, roles: ['SalesAgent'] };
    for (const subscriptionId of ['s1', 'nope']) {
      const answer = await engine.as(sales).refundEligibility(subscriptionId, new Date());
      expect(E.isLeft(answer) && answer.left.code).to.equal('Forbidden');
    }
  });

  it('shows the past as a prefix of the stream, even when writers\' clocks disagree', async () => {
    const store = inMemoryStore();
    const ahead = manualClock(new Date('2026-01-10T00:00:00Z'));
    const behind = manualClock(new Date('2026-01-05T00:00:00Z'));
    right(await executeAsActor(createEngine({ store, clock: ahead.now }), purchase('s1')));
    right(await executeAsActor(createEngine({ store, clock: behind.now }), { type: 'DownloadSoftware', commandId: 'dl', actor: admin, subscriptionId: 's1', variant: { version: '2019', language: 'en-us', bitness: '64-bit' } }));
    const past = right(await createEngine({ store }).as(admin).softwareList(CUSTOMER, { asOf: new Date('2026-01-06T00:00:00Z') }));
    expect(past).to.deep.equal([]);
  });
});
