import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore, inProcessVault, type EventStore } from '@csp-onprem/engine';
import { admin, CUSTOMER, getKey, purchase, right } from './support.js';
import { executeAsActor } from '@csp-onprem/testing';

/** Counts how many events a store hands out through readAll. */
function countingReads(inner: EventStore): EventStore & { eventsRead: number } {
  const store = {
    ...inner,
    eventsRead: 0,
    async readAll(options: Parameters<EventStore['readAll']>[0]) {
      const page = await inner.readAll(options);
      if (E.isRight(page)) store.eventsRead += page.right.length;
      return page;
    },
  };
  return store;
}

describe('an engine restarted over the same store', () => {
  it('resumes its software list from the saved checkpoint instead of reading the whole log again', async () => {
    const inner = inMemoryStore();
    const vault = inProcessVault();
    const first = createEngine({ store: inner, vault });
    for (const id of ['s1', 's2', 's3']) right(await executeAsActor(first, purchase(id)));
    right(await executeAsActor(first, getKey('s2', 'key-1')));
    const before = right(await first.as(admin).softwareList(CUSTOMER));
    // Both read models saved, as a process following its projections leaves them.
    right(await first.catchUp());

    const store = countingReads(inner);
    const second = createEngine({ store, vault });
    right(await executeAsActor(second, purchase('s4')));
    const after = right(await second.as(admin).softwareList(CUSTOMER));
    expect(store.eventsRead).to.equal(1);
    expect(after.slice(0, 3)).to.deep.equal(before);
    expect(after.map((item) => item.subscriptionId)).to.deep.equal(['s1', 's2', 's3', 's4']);
  });

  it('reads the whole log again when projections are not persisted, reaching the same list', async () => {
    const inner = inMemoryStore();
    const first = createEngine({ store: inner });
    for (const id of ['s1', 's2']) right(await executeAsActor(first, purchase(id)));
    const store = countingReads(inner);
    const second = createEngine({ store, persistProjections: false });
    expect(right(await second.as(admin).softwareList(CUSTOMER))).to.deep.equal(right(await first.as(admin).softwareList(CUSTOMER)));
    expect(store.eventsRead).to.equal(2);
  });

  it('rebuilds its read models from zero on demand with the same result', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2']) right(await executeAsActor(engine, purchase(id)));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const before = right(await engine.as(admin).softwareList(CUSTOMER));
    expect(right(await engine.rebuildProjections())).to.equal(3);
    expect(right(await engine.as(admin).softwareList(CUSTOMER))).to.deep.equal(before);
  });
});

describe('keys listed by an engine with a vault that never held them', () => {
  it('are not called shredded, since the vault cannot tell that they were destroyed', async () => {
    const store = inMemoryStore();
    const first = createEngine({ store });
    right(await executeAsActor(first, purchase('s1')));
    right(await executeAsActor(first, getKey('s1', 'key-1')));
    const [item] = right(await createEngine({ store }).as(admin).softwareList(CUSTOMER));
    expect(item?.keys[0]?.shredded).to.equal(false);
  });
});
