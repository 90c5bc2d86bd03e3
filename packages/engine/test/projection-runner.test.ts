import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { inMemoryStore, projectionRunner, recordHash, GENESIS_HASH, type Projection, type RecordedEvent } from '@csp-onprem/engine';
import { createEngine } from '@csp-onprem/engine';
import { purchase, right } from './support.js';

function recorder(): Projection & { seen: number[] } {
  const seen: number[] = [];
  return { name: 'recorder', seen, apply: (event: RecordedEvent) => void seen.push(event.position) };
}

describe('the projection runner', () => {
  it('applies each event once, in position order, resuming from its checkpoint', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    const projection = recorder();
    const runner = projectionRunner(store, [projection], 2);
    for (const id of ['s1', 's2', 's3']) right(await engine.execute(purchase(id)));
    expect(right(await runner.catchUp())).to.equal(3);
    right(await engine.execute(purchase('s4')));
    expect(right(await runner.catchUp())).to.equal(4);
    expect(projection.seen).to.deep.equal([1, 2, 3, 4]);
  });

  it('shares one pass between concurrent catch-ups', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const id of ['s1', 's2', 's3']) right(await engine.execute(purchase(id)));
    const projection = recorder();
    const runner = projectionRunner(store, [projection], 1);
    await Promise.all([runner.catchUp(), runner.catchUp(), runner.catchUp()]);
    expect(projection.seen).to.deep.equal([1, 2, 3]);
  });

  it('leaves out an event that does not decode, and says which', async () => {
    const store = inMemoryStore();
    const unhashed = { eventId: 'x', streamId: 'csp-software-bad', version: 1, type: 'Exploded', data: {}, meta: {}, prevHash: GENESIS_HASH };
    right(await store.appendToStream('csp-software-bad', 0, [{ ...unhashed, hash: recordHash(unhashed) }]));
    const projection = recorder();
    const runner = projectionRunner(store, [projection]);
    expect(E.isRight(await runner.catchUp())).to.equal(true);
    expect(projection.seen).to.deep.equal([]);
    expect(runner.skipped).to.have.length(1);
    expect(runner.skipped[0]).to.include({ position: 1, streamId: 'csp-software-bad' });
    expect(runner.skipped[0]?.problem).to.include('Exploded');
  });
});
