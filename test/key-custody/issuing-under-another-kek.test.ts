import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { EventOf } from '@csp-onprem/domain';
import { createEngine, localKeyEncryptionKey, purchaseStreamId, type Engine, type EventStore, type KeyProvider, type StoredEvent } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { aGetKey, anotherVariant, aPurchase, executeAsActor, tenants } from '@csp-onprem/testing';
import { right } from '../support/outcomes.js';

const newKek = (): string => randomBytes(32).toString('base64');

/** A key provider that counts the keys it was asked for. */
function countingKeyProvider(): KeyProvider & { asked: number } {
  const provider = {
    asked: 0,
    async issueKey() {
      provider.asked += 1;
      return `PLAINKEY-${provider.asked}-QWERT-YUIOP-ASDFG`;
    },
  };
  return provider;
}

describe("issuing a key with another key-encryption key than the one the tenant's data key is wrapped under", function () {
  this.timeout(30_000);
  let dir: string;
  let path: string;
  let kek: string;
  let dataKeyId: string;
  const SECOND_SUBSCRIPTION = 'SUB-1002-1';
  const opened: Engine[] = [];

  function engineWith(kekText: string, keyProvider: KeyProvider = countingKeyProvider()): { engine: Engine; store: EventStore } {
    const store = sqliteStore({ path });
    const engine = createEngine({ store, keyEncryptionKey: localKeyEncryptionKey(kekText), keyProvider, environment: {} });
    opened.push(engine);
    return { engine, store };
  }

  async function allRecords(store: EventStore): Promise<StoredEvent[]> {
    return right(await store.readAll({ after: 0, limit: 1000 }));
  }

  function wrappedDataKeys(): Map<string, Buffer> {
    const db = new Database(path, { readonly: true });
    try {
      return new Map((db.prepare('SELECT tenant_id, wrapped FROM data_keys').all() as { tenant_id: string; wrapped: Buffer }[]).map((row) => [row.tenant_id, row.wrapped]));
    } finally {
      db.close();
    }
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-custody-issue-'));
    path = join(dir, 'custody.db');
    kek = newKek();
    // Under KEK A: the customer's first purchase keyed once (its data key is made and wrapped), and a second purchase not keyed yet.
    const { engine } = engineWith(kek);
    const bought = right(await executeAsActor(engine, aPurchase()));
    expect(bought.events.map((event) => event.type)).to.deep.equal(['Purchased']);
    const issued = right(await executeAsActor(engine, aGetKey()));
    dataKeyId = (issued.events[0] as { data: EventOf<'KeyIssued'>['data'] }).data.sealedKey.keyId;
    right(await executeAsActor(engine, aPurchase({ subscriptionId: SECOND_SUBSCRIPTION, orderId: 'ORD-1002' })));
    for (const each of opened.splice(0)) await each.close();
    expect([...wrappedDataKeys().keys()]).to.deep.equal([tenants.customer]);
  });
  afterEach(async () => {
    for (const engine of opened.splice(0)) await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [what, command] of [
    ['a new variant of the keyed purchase', () => aGetKey({ commandId: 'key-new-variant', variant: anotherVariant })],
    ["the tenant's second purchase", () => aGetKey({ commandId: 'key-other-purchase', subscriptionId: SECOND_SUBSCRIPTION })],
  ] as const) {
    it(`refuses a first key for ${what} with KeyEncryptionKeyMismatch naming the data key, asks no key of the provider, and writes nothing`, async () => {
      const keys = countingKeyProvider();
      const { engine, store } = engineWith(newKek(), keys);
      const before = await allRecords(store);
      const wrappedBefore = wrappedDataKeys();
      const { subscriptionId } = command();
      const streamId = purchaseStreamId(tenants.sellingPartner, subscriptionId);
      const versionBefore = right(await store.readStream(streamId)).length;

      const refused = await executeAsActor(engine, command());
      if (E.isRight(refused)) return expect.fail(`expected KeyEncryptionKeyMismatch, got ${refused.right.events.map((event) => event.type).join(', ')}`);
      expect(refused.left.code).to.equal('KeyEncryptionKeyMismatch');
      expect(refused.left.code === 'KeyEncryptionKeyMismatch' && refused.left.dataKeyId).to.equal(dataKeyId);
      expect(keys.asked, 'no key issued that could not be sealed').to.equal(0);

      expect(right(await store.readStream(streamId)).length, 'the stream version is unchanged').to.equal(versionBefore);
      expect(await allRecords(store), 'the log is unchanged').to.deep.equal(before);
      expect(wrappedDataKeys(), "the tenant's data key is unchanged, not replaced").to.deep.equal(wrappedBefore);

      const again = await executeAsActor(engine, command());
      expect(E.isLeft(again) && again.left.code, 'the same command id is refused again, not replayed').to.equal('KeyEncryptionKeyMismatch');
    });
  }

  it('issues that key under the right key-encryption key afterwards, sealed with the same data key', async () => {
    const wrong = engineWith(newKek());
    const refused = await executeAsActor(wrong.engine, aGetKey({ commandId: 'key-after', subscriptionId: SECOND_SUBSCRIPTION }));
    expect(E.isLeft(refused) && refused.left.code).to.equal('KeyEncryptionKeyMismatch');
    const { engine } = engineWith(kek);
    const issued = right(await executeAsActor(engine, aGetKey({ commandId: 'key-after', subscriptionId: SECOND_SUBSCRIPTION })));
    expect(issued.events.map((event) => event.type)).to.deep.equal(['KeyIssued']);
    expect((issued.events[0] as { data: EventOf<'KeyIssued'>['data'] }).data.sealedKey.keyId).to.equal(dataKeyId);
    expect(issued.productKey).to.be.a('string');
  });
});
