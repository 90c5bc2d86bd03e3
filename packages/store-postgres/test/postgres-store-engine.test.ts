import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createEngine, localKeyEncryptionKey, purchaseStreamId, verifyStore } from '@csp-onprem/engine';
import { right, useTestDatabase } from './test-database.js';
import { executeAsActor } from '@csp-onprem/testing';

const PARTNER = '11111111-1111-4111-8111-111111111111';
const CUSTOMER = '22222222-2222-4222-8222-222222222222';
const admin = { userId: 'alice@partner', tenantId: PARTNER, roles: ['AdminAgent'] };
const variant = { version: '2019', language: 'en-us', bitness: '64-bit' };

function purchase(subscriptionId: string) {
  return {
    type: 'PurchaseSoftware',
    commandId: `buy-${subscriptionId}`,
    actor: admin,
    partnerId: PARTNER,
    customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
    orderId: `ORD-${subscriptionId}`,
    subscriptionId,
    product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2019 Standard', versions: ['2019'], languages: ['en-us'], bitness: ['64-bit'] },
    quantity: 1,
    unitPrice: { amount: 89_900, currency: 'USD' },
  };
}

/** The key-encryption key every engine of these tests wraps its data keys with. */
const kek = localKeyEncryptionKey(randomBytes(32));

function getKey(subscriptionId: string, commandId = `key-${subscriptionId}`) {
  return { type: 'GetKey', commandId, actor: admin, subscriptionId, variant };
}

describe('the engine on the PostgreSQL store', () => {
  const db = useTestDatabase();

  async function allText(schema: string): Promise<string> {
    const events = await db.admin.query<{ text: string | null }>(`SELECT string_agg(type || data || meta, '') AS text FROM "${schema}".events`);
    const documents = await db.admin.query<{ text: string | null }>(`SELECT string_agg(key || doc, '') AS text FROM "${schema}".projection_documents`);
    return `${events.rows[0]?.text ?? ''}${documents.rows[0]?.text ?? ''}`;
  }

  it('buys, gets a key, lists the software and verifies, with the plain product key in no row', async () => {
    const schema = db.schema('engine');
    const engine = createEngine({ store: db.open('engine'), keyEncryptionKey: kek });
    try {
      expect(right(await executeAsActor(engine, purchase('SUB-PG-1'))).events.map((event) => event.type)).to.deep.equal(['Purchased']);
      const keyed = right(await executeAsActor(engine, getKey('SUB-PG-1')));
      expect(keyed.events.map((event) => event.type)).to.deep.equal(['KeyIssued']);
      const productKey = keyed.productKey ?? '';
      expect(productKey).to.have.length.greaterThan(10);

      const list = right(await engine.as(admin).softwareList(CUSTOMER));
      expect(list.map((item) => item.subscriptionId)).to.deep.equal(['SUB-PG-1']);
      expect(right(await engine.verify())).to.include({ ok: true, events: 2, streams: 1 });

      const stored = await allText(schema);
      expect(stored, 'the rows searched hold the events').to.include('KeyIssued').and.include('SUB-PG-1');
      expect(stored.includes(productKey), 'the plain product key is in no event and no projection document').to.equal(false);
      const checkpoint = await db.admin.query<{ position: string }>(`SELECT position FROM "${schema}".projection_checkpoints WHERE name = 'software-list'`);
      expect(Number(checkpoint.rows[0]?.position), 'the software list saved its checkpoint in PostgreSQL').to.equal(2);
    } finally {
      await engine.close();
    }
  });

  it('carries on in a new engine on the same schema: the chain verifies, a repeated command replays and the key is shown again', async () => {
    const first = createEngine({ store: db.open('restart'), keyEncryptionKey: kek });
    right(await executeAsActor(first, purchase('SUB-PG-2')));
    const issued = right(await executeAsActor(first, getKey('SUB-PG-2'))).productKey;
    await first.close();

    const second = createEngine({ store: db.open('restart'), keyEncryptionKey: kek });
    try {
      expect(right(await second.verify())).to.include({ ok: true, events: 2, streams: 1 });
      const repeated = right(await executeAsActor(second, getKey('SUB-PG-2')));
      expect(repeated.replayed).to.equal(true);
      expect(repeated).to.not.have.property('productKey');
      const shownAgain = right(await executeAsActor(second, getKey('SUB-PG-2', 'key-again')));
      expect(shownAgain.productKey).to.equal(issued);
      expect(right(await second.as(admin).softwareList(CUSTOMER)).map((item) => item.subscriptionId)).to.deep.equal(['SUB-PG-2']);
    } finally {
      await second.close();
    }
  });

  it("lets a customer act at once on a purchase another process has just made, while an older transaction holds back the purchase's position", async () => {
    const seller = createEngine({ store: db.open('handover'), keyEncryptionKey: kek });
    const portal = createEngine({ store: db.open('handover'), keyEncryptionKey: kek });
    const customerAdmin = { userId: 'carol@contoso', tenantId: CUSTOMER, roles: ['GlobalAdmin'] };
    const client = await db.admin.connect();
    let committing: Promise<unknown> | undefined;
    try {
      expect(right(await portal.as(customerAdmin).softwareList(CUSTOMER)), 'the portal has caught up with an empty log').to.deep.equal([]);
      // Another session on the server holds a transaction id from before the purchase.
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      right(await executeAsActor(seller, purchase('SUB-PG-HANDOVER')));
      const downloading = portal.as(customerAdmin).execute({ type: 'DownloadSoftware', commandId: 'download-handover', subscriptionId: 'SUB-PG-HANDOVER', variant });
      committing = delay(200).then(() => client.query('COMMIT'));
      expect(right(await downloading).events.map((event) => event.type), 'not UnknownPurchase').to.deep.equal(['Downloaded']);
    } finally {
      await (committing ?? client.query('ROLLBACK'));
      client.release();
      await Promise.all([seller.close(), portal.close()]);
    }
  });

  it('lets verifyStore name the position of a row whose JSON was corrupted in the table', async () => {
    const schema = db.schema('corrupted');
    const engine = createEngine({ store: db.open('corrupted'), keyEncryptionKey: kek });
    right(await executeAsActor(engine, purchase('SUB-PG-3')));
    right(await executeAsActor(engine, getKey('SUB-PG-3')));
    await engine.close();

    const streamId = purchaseStreamId(PARTNER, 'SUB-PG-3');
    await db.admin.query(`UPDATE "${schema}".events SET data = '{"variant": {"version": "20' WHERE stream_id = $1 AND version = 2`, [streamId]);
    const store = db.open('corrupted');
    const report = right(await verifyStore(store));
    const row = await db.admin.query<{ position: string }>(`SELECT position FROM "${schema}".events WHERE stream_id = $1 AND version = 2`, [streamId]);
    const position = Number(row.rows[0]?.position);
    expect(position).to.be.greaterThan(0);
    expect(report.ok).to.equal(false);
    expect(report.firstFailure).to.include({ streamId, version: 2, position, problem: 'hash' });
  });
});
