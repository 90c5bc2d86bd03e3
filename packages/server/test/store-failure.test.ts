import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { createEngine, localKeyEncryptionKey } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import * as E from 'fp-ts/lib/Either.js';
import { claimsOf, purchaseBody, tenants, variant } from './support/cast.js';
import { dropSchema, freshSchema, PGURL, throughPort } from './support/postgres-schema.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type TestService } from './support/test-service.js';

async function eventsInSchema(schema: string): Promise<number> {
  const direct = postgresStore({ connectionString: PGURL }, { schema, migrateOnFirstUse: false });
  try {
    const page = await direct.readAll({ after: 0, limit: 1000 });
    if (E.isLeft(page)) throw new Error(page.left.message);
    return page.right.length;
  } finally {
    await direct.close();
  }
}

describe('a store that goes away in the middle of a request', function () {
  this.timeout(60_000);
  const schema = freshSchema('server_outage');
  let proxy: TcpProxy;
  let issuer: TestIssuer;
  let service: TestService;
  let megan: string;

  before(async () => {
    const target = new URL(PGURL);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    issuer = await TestIssuer.start();
    const store = postgresStore({ connectionString: throughPort(PGURL, proxy.port) }, { schema, connectionTimeoutMs: 2000, statementTimeoutMs: 5000 });
    const engine = createEngine({ store, keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
    service = await startService(testIdentity(issuer), { store, engine });
    megan = await issuer.token(claimsOf.megan);
    const bought = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: megan, body: purchaseBody('buy-o1', 'sub-o1') });
    expect(bought.status, bought.text).to.equal(201);
  });
  after(async () => {
    await proxy.restore();
    await service.close();
    await proxy.cut();
    await issuer.close();
    await dropSchema(schema);
  });

  it('answers 503 StoreUnavailable with Retry-After, writes nothing, leaks nothing, and the process stays up', async () => {
    proxy.stall();
    const pending = service.call('POST', '/v1/purchases/sub-o1/keys', { token: megan, body: { commandId: 'key-o1', variant } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.cut();
    const answer = await pending;

    expect(answer.status, answer.text).to.equal(503);
    expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(answer.headers.get('retry-after')).to.equal('1');
    expect(answer.body).to.include({ code: 'StoreUnavailable', status: 503, title: 'The event store is unavailable; retry later' });
    for (const secret of ['postgres', String(proxy.port), '127.0.0.1', 'ECONNRESET', 'Connection terminated', schema, 'TEST-']) expect(answer.text).to.not.include(secret);

    expect((await service.call('GET', '/healthz')).status).to.equal(200);
    const ready = await service.call('GET', '/readyz');
    expect(ready.status).to.equal(503);
    expect(ready.body.code).to.equal('StoreUnavailable');
    expect(await eventsInSchema(schema)).to.equal(1);
  });

  it('serves again once the store is back, and the same command id then succeeds once', async () => {
    await proxy.restore();
    let ready = await service.call('GET', '/readyz');
    for (let tries = 0; ready.status !== 200 && tries < 20; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      ready = await service.call('GET', '/readyz');
    }
    expect(ready.status, ready.text).to.equal(200);
    const answer = await service.call('POST', '/v1/purchases/sub-o1/keys', { token: megan, body: { commandId: 'key-o1', variant } });
    expect(answer.status, answer.text).to.equal(200);
    expect(answer.body.productKey).to.be.a('string');
    expect(await eventsInSchema(schema)).to.equal(2);
  });
});
