import { expect } from 'chai';
import { createEngine, inMemoryStore, manualClock, purchaseStreamId, type Engine, type EngineError, type EventStore, type StoredEvent } from '@csp-onprem/engine';
import {
  aDownload,
  aGetKey,
  aPurchase,
  customerGlobalAdmin,
  DEFAULT_INSTANT,
  domains,
  executeAsActor,
  ids,
  partnerAdmin,
  supportAgent,
  tenants,
} from '@csp-onprem/testing';
import { left, right } from './support/outcomes.js';

/** A third partner, which sold the same subscription id to another customer. */
const THIRD_PARTNER = 'aaaaaaaa-3333-4000-8000-000000000003';

async function records(store: EventStore): Promise<StoredEvent[]> {
  return right(await store.readAll({ after: 0, limit: 1000 }));
}

/**
 * Three partners sold subscription id SUB-1001-1: the selling partner and the other partner to
 * the customer, the third partner to another customer.
 */
async function soldByThreePartners(): Promise<{ engine: Engine; store: EventStore }> {
  const store = inMemoryStore();
  const engine = createEngine({ store, clock: manualClock(DEFAULT_INSTANT).now });
  right(await executeAsActor(engine, aPurchase()));
  right(await executeAsActor(engine, aPurchase({ actor: partnerAdmin(tenants.otherPartner), partnerId: tenants.otherPartner, orderId: 'ORD-2001' })));
  right(
    await executeAsActor(
      engine,
      aPurchase({ actor: partnerAdmin(THIRD_PARTNER), partnerId: THIRD_PARTNER, orderId: 'ORD-3001', customer: { tenantId: tenants.otherCustomer, domain: domains.other } }),
    ),
  );
  return { engine, store };
}

function expectNamesOnlyTheCustomersPartners(error: EngineError): void {
  expect(error.code).to.equal('AmbiguousPurchase');
  expect(error.message).to.include(`subscription id ${ids.subscriptionId} names 2 purchases`);
  expect(error.message).to.include(tenants.sellingPartner).and.to.include(tenants.otherPartner);
  expect(error.message, "the partner that sold another customer is not the customer's business").to.not.include(THIRD_PARTNER);
}

describe('AmbiguousPurchase, when three partners sold the same subscription id and the actor may see two of those purchases', () => {
  for (const [name, command] of [
    ['GetKey', () => aGetKey({ actor: customerGlobalAdmin() })],
    ['DownloadSoftware', () => aDownload({ actor: customerGlobalAdmin() })],
  ] as const) {
    it(`names only the customer's two selling partners to its GlobalAdmin on ${name}, and writes nothing`, async () => {
      const { engine, store } = await soldByThreePartners();
      const before = await records(store);
      expectNamesOnlyTheCustomersPartners(left(await executeAsActor(engine, command())));
      expect(await records(store)).to.deep.equal(before);
    });
  }

  it("names only the customer's two selling partners to its GlobalAdmin on refundEligibility", async () => {
    const { engine } = await soldByThreePartners();
    expectNamesOnlyTheCustomersPartners(left(await engine.as(customerGlobalAdmin()).refundEligibility(ids.subscriptionId, DEFAULT_INSTANT)));
  });

  it('names all three partners to Support on refundEligibility, since Support may see every purchase', async () => {
    const { engine } = await soldByThreePartners();
    const error = left(await engine.as(supportAgent()).refundEligibility(ids.subscriptionId, DEFAULT_INSTANT));
    expect(error.code).to.equal('AmbiguousPurchase');
    expect(error.message).to.include(`names 3 purchases`);
    for (const partner of [tenants.sellingPartner, tenants.otherPartner, THIRD_PARTNER]) expect(error.message).to.include(partner);
  });

  it("answers the other customer's GlobalAdmin, party to one of the three, without ambiguity", async () => {
    const { engine } = await soldByThreePartners();
    const downloaded = right(await executeAsActor(engine, aDownload({ actor: customerGlobalAdmin(tenants.otherCustomer) })));
    expect(downloaded.streamId).to.equal(purchaseStreamId(THIRD_PARTNER, ids.subscriptionId));
    expect(downloaded.events.map((event) => event.type)).to.deep.equal(['Downloaded']);
  });

  it("answers the customer's GlobalAdmin UnknownPurchase when partnerId names the partner that sold another customer", async () => {
    const { engine, store } = await soldByThreePartners();
    const before = await records(store);
    const error = left(await executeAsActor(engine, aDownload({ actor: customerGlobalAdmin(), partnerId: THIRD_PARTNER })));
    expect(error.code).to.equal('UnknownPurchase');
    expect(await records(store)).to.deep.equal(before);
    const eligibility = left(await engine.as(customerGlobalAdmin()).refundEligibility(ids.subscriptionId, DEFAULT_INSTANT, { partnerId: THIRD_PARTNER }));
    expect(eligibility.code).to.equal('UnknownPurchase');
  });
});
