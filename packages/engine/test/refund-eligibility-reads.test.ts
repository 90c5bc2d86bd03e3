import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore, manualClock, type EventStore } from '@csp-onprem/engine';
import { aPurchase, customerGlobalAdmin, DEFAULT_INSTANT, executeAsActor, ids, partnerAdmin, tenants } from '@csp-onprem/testing';

/** The in-memory store, counting the pages of the whole log it is asked for. */
function countingReadAll(): { readonly store: EventStore; readonly pagesRead: () => number } {
  const inner = inMemoryStore();
  let pages = 0;
  const store: EventStore = {
    ...inner,
    readAll: (options) => {
      pages += 1;
      return inner.readAll(options);
    },
  };
  return { store, pagesRead: () => pages };
}

describe('refund eligibility, as the log is read for it', () => {
  it("reads a partner's own purchase from its own stream, without the purchase index, and a customer's through the index", async () => {
    const { store, pagesRead } = countingReadAll();
    const engine = createEngine({ store, clock: manualClock(DEFAULT_INSTANT).now });
    expect(E.isRight(await executeAsActor(engine, aPurchase()))).to.equal(true);

    const before = pagesRead();
    const asPartner = await engine.as(partnerAdmin()).refundEligibility(ids.subscriptionId, DEFAULT_INSTANT);
    expect(E.isRight(asPartner) && asPartner.right.eligible).to.equal(true);
    expect(pagesRead()).to.equal(before);

    const asCustomer = await engine.as(customerGlobalAdmin()).refundEligibility(ids.subscriptionId, DEFAULT_INSTANT);
    expect(asCustomer).to.deep.equal(asPartner);
    expect(pagesRead()).to.be.greaterThan(before);
  });

  it("still finds through the index what a partner asks of another partner's purchase, and answers it as unknown", async () => {
    const engine = createEngine({ store: inMemoryStore(), clock: manualClock(DEFAULT_INSTANT).now });
    expect(E.isRight(await executeAsActor(engine, aPurchase()))).to.equal(true);
    const other = await engine.as(partnerAdmin(tenants.otherPartner)).refundEligibility(ids.subscriptionId, DEFAULT_INSTANT);
    expect(E.isLeft(other) && other.left.code).to.equal('UnknownPurchase');
  });
});
