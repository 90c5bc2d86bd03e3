import { expect } from 'chai';
import { createEngine, inMemoryStore, type EventStore } from '@csp-onprem/engine';
import { customerGlobalAdmin, executeAsActor } from '@csp-onprem/testing';
import { CUSTOMER, purchase, right, variant } from './support.js';

/** The store, holding back the pages of the global order read while `held` is set. */
function slowGlobalReads(store: EventStore): EventStore & { held: Promise<void> | undefined } {
  const slowed: EventStore & { held: Promise<void> | undefined } = {
    ...store,
    held: undefined,
    readAll: async (options) => {
      const page = await store.readAll(options);
      if (slowed.held !== undefined) await slowed.held;
      return page;
    },
  };
  return slowed;
}

describe('an engine serving several requests at once', () => {
  it("lets a customer act on a purchase made just before, while another customer's lookup that began earlier is still reading", async () => {
    const store = slowGlobalReads(inMemoryStore());
    const engine = createEngine({ store });
    const customer = customerGlobalAdmin(CUSTOMER);
    right(await executeAsActor(engine, purchase('SUB-FIRST')));
    right(await engine.as(customer).execute({ type: 'DownloadSoftware', commandId: 'download-first', subscriptionId: 'SUB-FIRST', variant }));

    let release = () => {};
    store.held = new Promise((resolve) => (release = resolve));
    // A lookup through the purchase index that has read the log's end but not yet returned.
    const earlier = engine.as(customer).execute({ type: 'DownloadSoftware', commandId: 'download-first-again', subscriptionId: 'SUB-FIRST', variant });
    await new Promise((resolve) => setTimeout(resolve, 5));
    right(await executeAsActor(engine, purchase('SUB-JUST-BOUGHT')));
    const later = engine.as(customer).execute({ type: 'DownloadSoftware', commandId: 'download-just-bought', subscriptionId: 'SUB-JUST-BOUGHT', variant });
    store.held = undefined;
    release();

    expect(right(await earlier).events.map((event) => event.type)).to.deep.equal(['Downloaded']);
    expect(right(await later).events.map((event) => event.type), 'not UnknownPurchase').to.deep.equal(['Downloaded']);
  });
});
