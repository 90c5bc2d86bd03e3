import { expect } from 'chai';
import { CURRENT_SCHEMA_VERSION, ticketIdFor } from '@csp-onprem/domain';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore, inProcessVault, versionConflict, type EventStore } from '@csp-onprem/engine';
import { admin, allRecords, getKey, PARTNER, purchase, right } from './support.js';
import { executeAsActor } from '@csp-onprem/testing';

/** A store that answers VersionConflict to the first `conflicts` appends, as if another writer won. */
function contendedStore(inner: EventStore, conflicts: number): EventStore & { attempts: number } {
  const store = {
    ...inner,
    attempts: 0,
    async appendToStream(...args: Parameters<EventStore['appendToStream']>) {
      store.attempts += 1;
      if (store.attempts <= conflicts) return E.left(versionConflict(args[0], args[1], args[1] + 1));
      return inner.appendToStream(...args);
    },
  };
  return store;
}

describe('the command handler', () => {
  it('reloads and decides again after a version conflict, then succeeds', async () => {
    const store = contendedStore(inMemoryStore(), 2);
    const engine = createEngine({ store });
    const executed = right(await executeAsActor(engine, purchase('s1')));
    expect(store.attempts).to.equal(3);
    expect(executed.events.map((e) => e.type)).to.deep.equal(['Purchased']);
    expect(await allRecords(store)).to.have.length(1);
  });

  it('gives up with VersionConflict after its bounded retries and writes nothing', async () => {
    const store = contendedStore(inMemoryStore(), 1000);
    const engine = createEngine({ store, maxRetries: 3 });
    const result = await executeAsActor(engine, purchase('s1'));
    expect(E.isLeft(result) && result.left.code).to.equal('VersionConflict');
    expect(store.attempts).to.equal(4);
    expect(await allRecords(store)).to.have.length(0);
  });

  it('derives the same event ids when a command is decided again at the same instant', async () => {
    const clock = () => new Date('2026-03-01T10:00:00.000Z');
    const a = right(await executeAsActor(createEngine({ store: inMemoryStore(), clock }), purchase('s1')));
    const b = right(await executeAsActor(createEngine({ store: inMemoryStore(), clock }), purchase('s1')));
    expect(a.events[0]?.eventId).to.equal(b.events[0]?.eventId).and.to.match(/^[0-9a-f-]{36}$/);
  });

  it('gives later events ids that sort after earlier ones', async () => {
    let millis = Date.parse('2026-03-01T10:00:00.000Z');
    const store = inMemoryStore();
    const engine = createEngine({ store, clock: () => new Date((millis += 1000)) });
    for (const id of ['s3', 's1', 's2']) right(await executeAsActor(engine, purchase(id)));
    const ids = (await allRecords(store)).map((record) => record.eventId);
    expect(ids).to.have.length(3);
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('records the correlation and causation ids, defaulting to the command id', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchase('s1')));
    right(await executeAsActor(engine, getKey('s1', 'key-1'), { correlationId: 'checkout-42', causationId: 'buy-s1' }));
    const [bought, issued] = await allRecords(store);
    expect(bought?.meta).to.include({ commandId: 'buy-s1', correlationId: 'buy-s1', causationId: 'buy-s1', actingRole: 'AdminAgent', commandType: 'PurchaseSoftware', schemaVersion: CURRENT_SCHEMA_VERSION });
    expect(issued?.meta).to.include({ commandId: 'key-1', correlationId: 'checkout-42', causationId: 'buy-s1' });
  });

  it('records who acted in each event: user, tenant and every role the actor held, beside the role that authorized it', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    const twoRoles = { ...admin, roles: ['HelpdeskAgent', 'AdminAgent'] };
    right(await executeAsActor(engine, { ...purchase('s1'), actor: twoRoles }));
    const [bought] = await allRecords(store);
    expect(bought?.meta).to.deep.include({ actor: { roles: ['HelpdeskAgent', 'AdminAgent'], tenantId: PARTNER, userId: 'alice@partner' }, actingRole: 'AdminAgent' });
  });

  it('chains every appended event to the previous one', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchase('s1')));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    right(await executeAsActor(engine, getKey('s1', 'key-2')));
    const records = await allRecords(store);
    expect(records.map((r) => r.version)).to.deep.equal([1, 2, 3]);
    expect(records[1]?.prevHash).to.equal(records[0]?.hash);
    expect(records[2]?.prevHash).to.equal(records[1]?.hash);
  });

  it('answers StoreUnavailable and writes nothing when the key provider fails', async () => {
    const store = inMemoryStore();
    const engine = createEngine({
      store,
      keyProvider: { issueKey: async () => Promise.reject(new Error('Partner Center timed out')) },
    });
    right(await executeAsActor(engine, purchase('s1')));
    const result = await executeAsActor(engine, getKey('s1', 'key-1'));
    expect(E.isLeft(result) && result.left).to.include({ code: 'StoreUnavailable' });
    expect(E.isLeft(result) && result.left.message).to.equal('key provider: issueKey failed (Error); its message is left out of this error, since it may quote a product key or a link\'s token');
    expect(await allRecords(store)).to.have.length(1);
  });

  it('never puts a key provider\'s own words in the error, since they may quote the key; only the error\'s kind and code', async () => {
    const key = 'ABCDE-FGHJK-MPQRT-VWXY2-34678';
    const failure = Object.assign(new TypeError(`Partner Center: key ${key} is already activated`), { code: 'KEY_ACTIVATED' });
    const engine = createEngine({ store: inMemoryStore(), keyProvider: { issueKey: async () => Promise.reject(failure) } });
    right(await executeAsActor(engine, purchase('s1')));

    const result = await executeAsActor(engine, getKey('s1', 'key-1'));

    expect(E.isLeft(result) && result.left.message).to.equal("key provider: issueKey failed (TypeError, code KEY_ACTIVATED); its message is left out of this error, since it may quote a product key or a link's token");
    expect(JSON.stringify(result)).to.not.include(key);
  });

  it('refuses a key that is not a string without putting the value in the error, and writes nothing', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store, keyProvider: { issueKey: async () => 1234567890123 as unknown as string } });
    right(await executeAsActor(engine, purchase('s1')));

    const result = await executeAsActor(engine, getKey('s1', 'key-1'));

    expect(E.isLeft(result) && result.left).to.include({ code: 'StoreUnavailable', message: 'key provider: issueKey returned number, not a string' });
    expect(JSON.stringify(result)).to.not.include('1234567890123');
    expect(await allRecords(store)).to.have.length(1);
  });

  it('refuses a blank correlation id as InvalidCommand and writes nothing', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    const result = await executeAsActor(engine, purchase('s1'), { correlationId: '  ' });
    expect(E.isLeft(result) && result.left.code).to.equal('InvalidCommand');
    expect(await allRecords(store)).to.have.length(0);
  });
});

describe('an engine over a broken store', () => {
  it('answers StoreUnavailable with the cause instead of crashing when the store throws', async () => {
    const broken: EventStore = {
      name: 'broken',
      readStream: async () => Promise.reject(new Error('connection reset')),
      appendToStream: async () => {
        throw new Error('disk full');
      },
      readAll: async () => Promise.reject(new Error('connection reset')),
      close: async () => Promise.reject(new Error('already gone')),
    };
    const engine = createEngine({ store: broken, vault: inProcessVault() });
    const result = await executeAsActor(engine, purchase('s1'));
    expect(E.isLeft(result) && result.left).to.include({ code: 'StoreUnavailable', cause: 'connection reset' });
    const listed = await engine.as({ userId: 'a', tenantId: '11111111-1111-4111-8111-111111111111', roles: ['AdminAgent'] }).softwareList('22222222-2222-4222-8222-222222222222');
    expect(E.isLeft(listed) && listed.left.code).to.equal('StoreUnavailable');
    await engine.close();
  });
});

describe('a repeated command id', () => {
  it('is never replayed to another partner, who is told the purchase does not exist and never sees the key', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchase('s1')));
    const issued = right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const intruder = { userId: 'mallory', tenantId: '99999999-9999-4999-8999-999999999999', roles: ['AdminAgent'] };
    const replay = await executeAsActor(engine, { ...getKey('s1', 'key-1'), actor: intruder });
    expect(E.isLeft(replay) && replay.left.code).to.equal('UnknownPurchase');
    expect(JSON.stringify(replay)).not.to.include(issued.productKey);
  });

  it('answers a retry with the earlier events and no key, even if the retry names another variant', async () => {
    const engine = createEngine({ store: inMemoryStore() });
    right(await executeAsActor(engine, purchase('s1')));
    const issued = right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const retried = right(await executeAsActor(engine, { ...getKey('s1', 'key-1'), variant: { version: '2017', language: 'fr-fr', bitness: '32-bit' } }));
    expect(retried.replayed).to.equal(true);
    expect(retried.events).to.deep.equal(issued.events);
    expect(retried).to.not.have.property('productKey');
  });
});

describe('tenant GUIDs', () => {
  it('compare equal whatever their letter case', async () => {
    const engine = createEngine({ store: inMemoryStore() });
    right(await executeAsActor(engine, purchase('s1')));
    const shouting = { ...getKey('s1', 'key-1'), actor: { userId: 'alice@partner', tenantId: '11111111-1111-4111-8111-111111111111'.toUpperCase(), roles: ['AdminAgent'] } };
    const issued = right(await executeAsActor(engine, shouting));
    expect(issued.events[0]?.type).to.equal('KeyIssued');
    const listed = right(await engine.as(shouting.actor).softwareList('22222222-2222-4222-8222-222222222222'.toUpperCase()));
    expect(listed).to.have.length(1);
  });
});

describe('a command id reused for something else', () => {
  it('is refused as InvalidCommand naming commandId, and nothing is written', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    right(await executeAsActor(engine, purchase('s1')));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const reused = await executeAsActor(engine, { ...getKey('s1', 'key-1'), type: 'DownloadSoftware' });
    expect(E.isLeft(reused) && reused.left.code).to.equal('InvalidCommand');
    expect(E.isLeft(reused) && reused.left.message).to.include('commandId');
    expect(await allRecords(store)).to.have.length(2);
  });

  it('never hands out a revoked key, even to a retry of the GetKey that issued it', async () => {
    const engine = createEngine({ store: inMemoryStore() });
    right(await executeAsActor(engine, purchase('s1')));
    right(await executeAsActor(engine, getKey('s1', 'key-1')));
    const support = { userId: 'desk', tenantId: '44444444-4444-4444-8444-444444444444', roles: ['Support'] };
    right(await executeAsActor(engine, { type: 'RequestCancellation', commandId: 'cancel-1', actor: { userId: 'alice@partner', tenantId: '11111111-1111-4111-8111-111111111111', roles: ['AdminAgent'] }, customer: { tenantId: '22222222-2222-4222-8222-222222222222' }, subscriptionId: 's1', refundReason: 'wrong product', requestedAmount: { amount: 100, currency: 'USD' }, impact: 'none', title: 'Cancel s1', contact: { name: 'Alice', email: 'alice@partner.example', phone: '+1 425 555 0100' } }));
    right(await executeAsActor(engine, { type: 'CompleteCancellation', commandId: 'complete-1', actor: support, subscriptionId: 's1', ticketId: ticketIdFor(PARTNER, 's1', 3) }));
    const retried = await executeAsActor(engine, getKey('s1', 'key-1'));
    expect(E.isLeft(retried) && retried.left.code).to.equal('AlreadyCancelled');
  });
});
