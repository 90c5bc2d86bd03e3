import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createEngine, localKeyEncryptionKey, purchaseStreamId, type Engine } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { makeTempDir, right, type TempDir } from './temp-files.js';
import { executeAsActor } from '@csp-onprem/testing';

const PARTNER = '11111111-1111-4111-8111-111111111111';
const CUSTOMER = '22222222-2222-4222-8222-222222222222';
const SUBSCRIPTION = 'SUB-SQLITE-1';
const admin = { userId: 'alice@partner', tenantId: PARTNER, roles: ['AdminAgent'] };
const variant = { version: '2019', language: 'en-us', bitness: '64-bit' };
/** The key-encryption key every engine of these tests wraps its data keys with. */
const kek = localKeyEncryptionKey(randomBytes(32));

const purchase = {
  type: 'PurchaseSoftware',
  commandId: 'buy-sqlite-1',
  actor: admin,
  partnerId: PARTNER,
  customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
  orderId: 'ORD-SQLITE-1',
  subscriptionId: SUBSCRIPTION,
  product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2019 Standard', versions: ['2019'], languages: ['en-us'], bitness: ['64-bit'] },
  quantity: 1,
  unitPrice: { amount: 89_900, currency: 'USD' },
};
const getKey = { type: 'GetKey', commandId: 'key-sqlite-1', actor: admin, subscriptionId: SUBSCRIPTION, variant };

function databaseFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file));
}

function filesContaining(path: string, text: string): string[] {
  return databaseFiles(path).filter((file) => readFileSync(file).includes(Buffer.from(text, 'utf8')));
}

describe('the engine on the SQLite store', () => {
  let dir: TempDir;
  let path: string;
  let engine: Engine;

  beforeEach(() => {
    dir = makeTempDir();
    path = dir.newDbPath();
  });

  afterEach(async () => {
    await engine.close();
    dir.remove();
  });

  it('buys and gets a key, and the plain product key is in no byte of the database files', async () => {
    engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    const bought = right(await executeAsActor(engine, purchase));
    expect(bought.events.map((event) => event.type)).to.deep.equal(['Purchased']);
    const keyed = right(await executeAsActor(engine, getKey));
    expect(keyed.events.map((event) => event.type)).to.deep.equal(['KeyIssued']);
    const productKey = keyed.productKey ?? '';
    expect(productKey).to.have.length.greaterThan(10);

    expect(filesContaining(path, 'KeyIssued'), 'the events are in the files searched').to.not.deep.equal([]);
    expect(filesContaining(path, productKey), 'while open').to.deep.equal([]);
    await engine.close();
    expect(databaseFiles(path)).to.include(path);
    expect(filesContaining(path, 'KeyIssued'), 'the events are in the files searched after close').to.not.deep.equal([]);
    expect(filesContaining(path, productKey), 'after close').to.deep.equal([]);
  });

  it('reopens the file in a new engine with every event, an intact chain and the key still shown', async () => {
    engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    right(await executeAsActor(engine, purchase));
    const issued = right(await executeAsActor(engine, getKey)).productKey;
    await engine.close();

    engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    const report = right(await engine.verify());
    expect(report).to.include({ ok: true, events: 2, streams: 1 });
    const repeated = right(await executeAsActor(engine, getKey));
    expect(repeated.replayed, 'the command id is found in the reopened stream').to.equal(true);
    expect(repeated).to.not.have.property('productKey');
    expect(right(await executeAsActor(engine, { ...getKey, commandId: 'key-sqlite-again' })).productKey).to.equal(issued);
  });

  it('lets verify name the position of a row whose JSON was corrupted on disk', async () => {
    engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    right(await executeAsActor(engine, purchase));
    right(await executeAsActor(engine, getKey));
    await engine.close();

    const raw = new Database(path);
    const position = raw.prepare('SELECT position FROM events WHERE stream_id = ? AND version = 2').pluck().get(purchaseStreamId(PARTNER, SUBSCRIPTION));
    raw.prepare('UPDATE events SET data = ? WHERE position = ?').run('{"variant": {"version": "20', position);
    raw.close();

    engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    const report = right(await engine.verify());
    expect(report.ok).to.equal(false);
    expect(report.firstFailure).to.include({ streamId: purchaseStreamId(PARTNER, SUBSCRIPTION), version: 2, position, problem: 'hash' });
  });

  it('answers queries and verifies over a read-only store, keeping its read models in memory', async () => {
    engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    right(await executeAsActor(engine, purchase));
    await engine.close();

    engine = createEngine({ store: sqliteStore({ path, readOnly: true }), keyEncryptionKey: kek });
    expect(right(await engine.as(admin).softwareList(CUSTOMER)).map((item) => item.subscriptionId)).to.deep.equal([SUBSCRIPTION]);
    expect(right(await engine.verify())).to.deep.include({ ok: true, events: 1 });
    const append = await executeAsActor(engine, { ...getKey, commandId: 'key-read-only' });
    expect(append).to.deep.include({ _tag: 'Left' });
    expect(JSON.stringify(append)).to.include('the store was opened read-only');
  });
});

describe('the software list kept in the SQLite file', () => {
  let dir: TempDir;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    dir.remove();
  });

  it('is saved with its checkpoint and resumed by the next engine on the same file', async () => {
    const path = dir.newDbPath();
    const first = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    right(await executeAsActor(first, purchase));
    right(await executeAsActor(first, getKey));
    const before = right(await first.as(admin).softwareList(CUSTOMER));
    await first.close();

    const raw = new Database(path, { readonly: true });
    const checkpoint = raw.prepare("SELECT position FROM projection_checkpoints WHERE name = 'software-list'").pluck().get();
    const documents = raw.prepare("SELECT count(*) FROM projection_documents WHERE name = 'software-list'").pluck().get();
    raw.close();
    expect(checkpoint).to.equal(2);
    expect(documents).to.equal(1);

    const second = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    expect(right(await second.as(admin).softwareList(CUSTOMER))).to.deep.equal(before);
    expect(right(await second.rebuildProjections())).to.equal(2);
    expect(right(await second.as(admin).softwareList(CUSTOMER))).to.deep.equal(before);
    await second.close();
  });
});

describe('verifying a SQLite file by the text it keeps', () => {
  let dir: TempDir;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    dir.remove();
  });

  it('accepts data rewritten into equivalent JSON, and refuses data whose meaning changed', async () => {
    const path = dir.newDbPath();
    const writer = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    right(await executeAsActor(writer, purchase));
    await writer.close();

    const raw = new Database(path);
    const data = raw.prepare('SELECT data FROM events WHERE position = 1').pluck().get() as string;
    raw.prepare('UPDATE events SET data = ? WHERE position = 1').run(JSON.stringify(JSON.parse(data), null, 2));
    raw.close();
    const reformatted = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    expect(right(await reformatted.verify()).ok).to.equal(true);
    await reformatted.close();

    const again = new Database(path);
    again.prepare('UPDATE events SET data = ? WHERE position = 1').run(data.replace('"quantity":1', '"quantity":2'));
    again.close();
    const edited = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: kek });
    expect(right(await edited.verify()).firstFailure).to.include({ position: 1, problem: 'hash' });
    await edited.close();
  });
});
