import { expect } from 'chai';
import { DAY_MS } from '@csp-onprem/domain';
import { createEngine, GENESIS_HASH, inMemoryStore, manualClock, recordHash, type Engine, type StoredEvent } from '@csp-onprem/engine';
import { anActor, aPurchase, aVariant, aUnitPrice, customerGlobalAdmin, DEFAULT_INSTANT, executeAsActor, ids, partnerAdmin, supportAgent, tenants } from '@csp-onprem/testing';
import { left, right } from './support/outcomes.js';

const day = (n: number): Date => new Date(DEFAULT_INSTANT.getTime() + n * DAY_MS);

/**
 * The customer bought the same subscription id from two partners: from the selling partner
 * 2 licences under the default policy (60 days), from the other partner 1 licence with 30 days.
 */
async function boughtFromTwoPartners(): Promise<Engine> {
  const engine = createEngine({ store: inMemoryStore(), clock: manualClock(DEFAULT_INSTANT).now });
  right(await executeAsActor(engine, aPurchase()));
  right(
    await executeAsActor(
      engine,
      aPurchase({ actor: partnerAdmin(tenants.otherPartner), partnerId: tenants.otherPartner, orderId: 'ORD-2001', quantity: 1, cancellationPolicy: { windowDays: 30, creditPercent: 50 } }),
    ),
  );
  return engine;
}

const sellingPartnersPurchase = {
  deadline: day(60).toISOString(),
  creditPercent: 100,
  paid: { amount: 2 * aUnitPrice.amount, currency: 'USD' },
  refundableAmount: { amount: 2 * aUnitPrice.amount, currency: 'USD' },
};
const otherPartnersPurchase = {
  deadline: day(30).toISOString(),
  creditPercent: 50,
  paid: { amount: aUnitPrice.amount, currency: 'USD' },
  refundableAmount: { amount: aUnitPrice.amount / 2, currency: 'USD' },
};

describe("refundEligibility's partnerId, for a subscription id two partners sold the same customer", () => {
  for (const [who, reader] of [
    ['Support', supportAgent()],
    ['an Auditor', anActor(['Auditor'], tenants.support)],
    ["the customer's GlobalAdmin", customerGlobalAdmin()],
  ] as const) {
    it(`answers ${who} AmbiguousPurchase without partnerId, naming both selling partners`, async () => {
      const engine = await boughtFromTwoPartners();
      const error = left(await engine.as(reader).refundEligibility(ids.subscriptionId, day(1)));
      expect(error.code).to.equal('AmbiguousPurchase');
      expect(error.message).to.include(tenants.sellingPartner).and.to.include(tenants.otherPartner);
    });

    it(`answers ${who} the eligibility of the purchase of the partner that partnerId names`, async () => {
      const engine = await boughtFromTwoPartners();
      const selling = right(await engine.as(reader).refundEligibility(ids.subscriptionId, day(1), { partnerId: tenants.sellingPartner }));
      expect(selling).to.deep.include({ subscriptionId: ids.subscriptionId, eligible: true, reason: 'within-window', daysLeft: 59, ...sellingPartnersPurchase });
      const other = right(await engine.as(reader).refundEligibility(ids.subscriptionId, day(1), { partnerId: tenants.otherPartner }));
      expect(other).to.deep.include({ subscriptionId: ids.subscriptionId, eligible: true, reason: 'within-window', daysLeft: 29, ...otherPartnersPurchase });
    });
  }

  it('takes a partnerId spelled in upper case as the same tenant', async () => {
    const engine = await boughtFromTwoPartners();
    const answer = right(await engine.as(supportAgent()).refundEligibility(ids.subscriptionId, day(1), { partnerId: tenants.otherPartner.toUpperCase() }));
    expect(answer).to.deep.include(otherPartnersPurchase);
  });

  it('answers UnknownPurchase for a partnerId that sold no purchase with that subscription id', async () => {
    const engine = await boughtFromTwoPartners();
    const error = left(await engine.as(supportAgent()).refundEligibility(ids.subscriptionId, day(1), { partnerId: 'aaaaaaaa-9999-4000-8000-000000000009' }));
    expect(error.code).to.equal('UnknownPurchase');
  });

  it("answers an AdminAgent its own tenant's purchase without partnerId, and UnknownPurchase when partnerId names the other partner", async () => {
    const engine = await boughtFromTwoPartners();
    const own = right(await engine.as(partnerAdmin()).refundEligibility(ids.subscriptionId, day(1)));
    expect(own).to.deep.include(sellingPartnersPurchase);
    const named = right(await engine.as(partnerAdmin()).refundEligibility(ids.subscriptionId, day(1), { partnerId: tenants.sellingPartner }));
    expect(named).to.deep.equal(own);
    const others = left(await engine.as(partnerAdmin()).refundEligibility(ids.subscriptionId, day(1), { partnerId: tenants.otherPartner }));
    expect(others.code).to.equal('UnknownPurchase');
  });

  for (const [what, partnerId] of [
    ['a string that is not a GUID', 'not-a-guid'],
    ['a number', 42],
    ['a blank string', ''],
  ] as const) {
    it(`refuses ${what} as partnerId with InvalidCommand on path partnerId`, async () => {
      const engine = await boughtFromTwoPartners();
      const error = left(await engine.as(supportAgent()).refundEligibility(ids.subscriptionId, day(1), { partnerId: partnerId as string }));
      expect(error.code).to.equal('InvalidCommand');
      expect(error.code === 'InvalidCommand' && error.errors.map((each) => [each.path, each.expected])).to.deep.equal([['partnerId', 'tenant GUID']]);
    });
  }
});

describe('a partner asking about its own subscription id, beside a stream of an older log that bears the same stream id', () => {
  it("answers from the partner's own purchase or says it has none, never from another partner's purchase whose subscription id holds a slash", async () => {
    // The other partner's purchase of subscription id "<selling partner>/SUB-SLASH", moved to a
    // stream keyed the old way (by subscription id alone): csp-software-<selling partner>/SUB-SLASH.
    const scratch = inMemoryStore();
    const writer = createEngine({ store: scratch, clock: manualClock(DEFAULT_INSTANT).now });
    const slashed = `${tenants.sellingPartner}/SUB-SLASH`;
    right(await executeAsActor(writer, aPurchase({ actor: partnerAdmin(tenants.otherPartner), partnerId: tenants.otherPartner, subscriptionId: slashed, orderId: 'ORD-SLASH' })));
    const [written] = right(await scratch.readAll({ after: 0, limit: 10 }));
    const legacyStreamId = `csp-software-${slashed}`;
    const { position, ...record } = written as StoredEvent;
    expect(position).to.equal(1);
    const unhashed = { ...record, streamId: legacyStreamId, prevHash: GENESIS_HASH };
    const store = inMemoryStore();
    right(await store.appendToStream(legacyStreamId, 0, [{ ...unhashed, hash: recordHash(unhashed) }]));
    const engine = createEngine({ store, clock: manualClock(DEFAULT_INSTANT).now });

    const asked = left(await engine.as(partnerAdmin()).refundEligibility('SUB-SLASH', day(1)));
    expect(asked.code, 'not the other partner’s purchase').to.equal('UnknownPurchase');
    const download = left(await engine.as(partnerAdmin()).execute({ type: 'DownloadSoftware', commandId: 'dl-slash', subscriptionId: 'SUB-SLASH', variant: aVariant }));
    expect(download.code).to.equal('UnknownPurchase');
    expect(right(await engine.as(partnerAdmin(tenants.otherPartner)).refundEligibility(slashed, day(1))).creditPercent, 'its seller still finds it').to.equal(100);
  });
});
