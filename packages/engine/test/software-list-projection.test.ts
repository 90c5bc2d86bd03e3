import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, decodeStoredEvent, inMemoryStore, SoftwareListProjection, type RecordedEvent, type StoredEvent } from '@csp-onprem/engine';
import { allRecords, purchase, right, streamOf } from './support.js';
import { executeAsActor } from '@csp-onprem/testing';

function decoded(stored: StoredEvent): RecordedEvent {
  const event = decodeStoredEvent(stored);
  if (E.isLeft(event)) throw new Error(event.left);
  return event.right;
}

async function listOf(...purchases: ReturnType<typeof purchase>[]): Promise<SoftwareListProjection> {
  const store = inMemoryStore();
  const engine = createEngine({ store });
  for (const command of purchases) right(await executeAsActor(engine, command));
  const list = new SoftwareListProjection();
  for (const stored of await allRecords(store)) list.apply(decoded(stored));
  return list;
}

describe('the software list projection', () => {
  it('keeps one copy of a product, customer and policy that several purchases repeat', async () => {
    const list = await listOf(purchase('s1'), purchase('s2'));
    const [first, second] = [list.items.get(streamOf('s1')), list.items.get(streamOf('s2'))];
    expect(first?.product).to.equal(second?.product);
    expect(first?.customer).to.equal(second?.customer);
    expect(first?.cancellationPolicy).to.equal(second?.cancellationPolicy);
    expect(first?.product).to.deep.equal(purchase('s1').product);
  });

  it('keeps apart products that differ, and the items still save as their own documents', async () => {
    const other = { ...purchase('s2'), product: { ...purchase('s2').product, title: 'SQL Server 2019 Enterprise' } };
    const list = await listOf(purchase('s1'), other);
    expect(list.items.get(streamOf('s2'))?.product.title).to.equal('SQL Server 2019 Enterprise');
    expect(list.items.get(streamOf('s1'))?.product.title).to.equal('SQL Server 2019 Standard');
    expect(JSON.parse(JSON.stringify(list.document(streamOf('s1'))))).to.deep.include({ subscriptionId: 's1', product: purchase('s1').product });
  });
});

describe('a saved software-list document', () => {
  it('restores an item whose text an older log could hold, as its events decode, instead of rebuilding the read model', async () => {
    const list = await listOf(purchase('s1'));
    const saved = JSON.parse(JSON.stringify(list.document(streamOf('s1')))) as Record<string, unknown>;
    // Commands refuse these characters today; events written before that still decode.
    const older = { ...saved, subscriptionId: 'SUB\u0000\u202e1', product: { ...(saved['product'] as object), title: 'SQL Server\u0007 2019' } };
    const restored = new SoftwareListProjection();
    expect(restored.restore(new Map([[streamOf('s1'), older]]))).to.equal('restored');
    expect(restored.items.get(streamOf('s1'))?.subscriptionId).to.equal('SUB\u0000\u202e1');
  });

  it('still makes the read model rebuild from a document with a field of the wrong shape', async () => {
    const list = await listOf(purchase('s1'));
    const saved = JSON.parse(JSON.stringify(list.document(streamOf('s1')))) as Record<string, unknown>;
    const restored = new SoftwareListProjection();
    expect(restored.restore(new Map([[streamOf('s1'), { ...saved, partnerId: 'not-a-tenant' }]]))).to.equal('rebuild');
  });
});

describe('a software list reloaded after another process saved first', () => {
  it('keeps confirmed the items it made from the log when the saved ones name the same parties, and not one whose parties were changed', async () => {
    const list = await listOf(purchase('s1'), purchase('s2'));
    const saved = new Map([streamOf('s1'), streamOf('s2')].map((streamId) => [streamId, JSON.parse(JSON.stringify(list.document(streamId))) as Record<string, unknown>]));
    const edited = { ...(saved.get(streamOf('s2')) as Record<string, unknown>), orderId: 'ORD-EDITED' };
    expect(list.restore(new Map([...saved, [streamOf('s2'), edited]]))).to.equal('restored');
    expect(list.isConfirmed(streamOf('s1')), 'the same parties as the item made from the log').to.equal(true);
    expect(list.isConfirmed(streamOf('s2')), 'an order id that is not the one folded').to.equal(false);
    expect(new SoftwareListProjection().restore(saved)).to.equal('restored');
  });

  it('leaves unconfirmed what a fresh process restores', async () => {
    const list = await listOf(purchase('s1'));
    const fresh = new SoftwareListProjection();
    fresh.restore(new Map([[streamOf('s1'), JSON.parse(JSON.stringify(list.document(streamOf('s1')))) as unknown]]));
    expect(fresh.isConfirmed(streamOf('s1'))).to.equal(false);
  });
});
