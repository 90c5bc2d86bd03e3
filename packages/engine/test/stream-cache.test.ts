import { expect } from 'chai';
import { createEngine, inMemoryStore, purchaseStreamId, StreamCache, type EventStore } from '@csp-onprem/engine';
import { PARTNER, purchase, right } from './support.js';
import { executeAsActor } from '@csp-onprem/testing';

async function cachedPair(second: ReturnType<typeof purchase>) {
  const store = inMemoryStore();
  const engine = createEngine({ store });
  right(await executeAsActor(engine, purchase('s1')));
  right(await executeAsActor(engine, second));
  const cache = new StreamCache(10);
  const first = right(await cache.load(store, purchaseStreamId(PARTNER, 's1')));
  const other = right(await cache.load(store, purchaseStreamId(PARTNER, second.subscriptionId)));
  return [first.state.purchase, other.state.purchase] as const;
}

describe('the stream cache', () => {
  it('keeps one copy of the product, customer and policy that cached purchases repeat', async () => {
    const [first, second] = await cachedPair(purchase('s2'));
    expect(first?.product).to.equal(second?.product);
    expect(first?.customer).to.equal(second?.customer);
    expect(first?.cancellationPolicy).to.equal(second?.cancellationPolicy);
    expect(first?.product).to.deep.equal(purchase('s1').product);
  });

  it('keeps apart products that differ', async () => {
    const other = { ...purchase('s2'), product: { ...purchase('s2').product, title: 'SQL Server 2019 Enterprise' } };
    const [first, second] = await cachedPair(other);
    expect(first?.product).to.not.equal(second?.product);
    expect(second?.product.title).to.equal('SQL Server 2019 Enterprise');
    expect(first?.customer).to.equal(second?.customer);
  });

  it('drops the least recently used stream beyond its capacity and reads it again', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['a', 'b', 'c']) right(await executeAsActor(engine, purchase(id)));
    const cache = new StreamCache(2);
    right(await cache.load(store, purchaseStreamId(PARTNER, 'a')));
    right(await cache.load(store, purchaseStreamId(PARTNER, 'b')));
    // Using a makes b the least recently used, though a was cached first.
    expect(cache.peek(purchaseStreamId(PARTNER, 'a'))?.state.version).to.equal(1);
    right(await cache.load(store, purchaseStreamId(PARTNER, 'c')));
    expect(cache.peek(purchaseStreamId(PARTNER, 'b'))).to.equal(undefined);
    expect(cache.peek(purchaseStreamId(PARTNER, 'a'))?.state.version).to.equal(1);
    expect(cache.peek(purchaseStreamId(PARTNER, 'c'))?.state.version).to.equal(1);

    const readStreams: string[] = [];
    const counting: EventStore = {
      ...store,
      readStream: (streamId) => {
        readStreams.push(streamId);
        return store.readStream(streamId);
      },
    };
    const again = right(await cache.load(counting, purchaseStreamId(PARTNER, 'b')));
    expect(readStreams).to.deep.equal([purchaseStreamId(PARTNER, 'b')]);
    expect(again.state.version).to.equal(1);
    expect(again.state.purchase?.subscriptionId).to.equal('b');
    expect(cache.peek(purchaseStreamId(PARTNER, 'b'))).to.equal(again);
  });
});
