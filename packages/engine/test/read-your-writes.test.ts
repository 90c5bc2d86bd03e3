import { expect } from 'chai';
import { createEngine, inMemoryStore } from '@csp-onprem/engine';
import { customerGlobalAdmin, executeAsActor } from '@csp-onprem/testing';
import { CUSTOMER, heldGlobalReads, purchase, right, variant } from './support.js';

describe('an engine serving several requests at once', () => {
  it("lets a customer act on a purchase made just before, while another customer's lookup that began earlier is still reading", async () => {
    const store = heldGlobalReads(inMemoryStore());
    const engine = createEngine({ store });
    const customer = customerGlobalAdmin(CUSTOMER);
    right(await executeAsActor(engine, purchase('SUB-FIRST')));
    right(await engine.as(customer).execute({ type: 'DownloadSoftware', commandId: 'download-first', subscriptionId: 'SUB-FIRST', variant }));

    const reached = store.hold();
    // A lookup through the purchase index that has read the log's end but not yet returned.
    const earlier = engine.as(customer).execute({ type: 'DownloadSoftware', commandId: 'download-first-again', subscriptionId: 'SUB-FIRST', variant });
    await reached;
    right(await executeAsActor(engine, purchase('SUB-JUST-BOUGHT')));
    const later = engine.as(customer).execute({ type: 'DownloadSoftware', commandId: 'download-just-bought', subscriptionId: 'SUB-JUST-BOUGHT', variant });
    store.release();

    expect(right(await earlier).events.map((event) => event.type)).to.deep.equal(['Downloaded']);
    expect(right(await later).events.map((event) => event.type), 'not UnknownPurchase').to.deep.equal(['Downloaded']);
  });
});
