import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { freshTestSchema, PG_URL, type TestSchema } from '../concurrency/postgres-schema.js';
import { request, startServe, type ServeProcess } from '../../packages/cli/test/support/serve-process.js';
import { claimsOf, cancellationBody, purchaseBody, tenants, variant } from '../../packages/server/test/support/cast.js';
import { TEST_AUDIENCE, TestIssuer } from '../../packages/server/test/support/test-issuer.js';

// The service keeps no state of its own beyond caches: two processes on one PostgreSQL schema
// serve the same partners, each reading what the other wrote.

describe('two serve processes on one PostgreSQL schema', function () {
  this.timeout(180_000);
  let schema: TestSchema;
  let issuer: TestIssuer;
  let a: ServeProcess;
  let b: ServeProcess;
  const token: Partial<Record<keyof typeof claimsOf, string>> = {};

  before(async () => {
    schema = await freshTestSchema('serve');
    issuer = await TestIssuer.start();
    const address = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema.name}`;
    const args = ['--store', address, '--port', '0', '--issuer', issuer.url, '--audience', TEST_AUDIENCE, '--jwks-url', issuer.jwksUrl, '--operator-tenant', tenants.desk];
    const env = { CSP_ONPREM_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'), CSP_ONPREM_LOG_LEVEL: 'warn' };
    // The first creates the schema; the second then joins it.
    a = await startServe(args, env);
    b = await startServe(args, env);
    for (const name of ['megan', 'desk', 'auditor'] as const) token[name] = await issuer.token(claimsOf[name]);
  });
  after(async () => {
    const stopped = await Promise.all([a?.stop(), b?.stop()]);
    for (const run of stopped) expect(run?.code, run?.stderr).to.equal(0);
    await issuer?.close();
    await schema?.drop();
  });

  it('takes writes through both and answers them from both', async () => {
    expect((await request(a.url, 'POST', `/v1/customers/${tenants.contoso}/purchases`, token.megan, purchaseBody('so-buy-a', 'so-sub-a'))).status).to.equal(201);
    expect((await request(b.url, 'POST', `/v1/customers/${tenants.contoso}/purchases`, token.megan, purchaseBody('so-buy-b', 'so-sub-b'))).status).to.equal(201);

    // A key issued through one process is shown again, the same, through the other.
    const issued = await request(b.url, 'POST', '/v1/purchases/so-sub-a/keys', token.megan, { commandId: 'so-key-1', variant });
    expect(issued.status).to.equal(200);
    const viewed = await request(a.url, 'POST', '/v1/purchases/so-sub-a/keys', token.megan, { commandId: 'so-key-2', variant });
    expect(viewed.body).to.include({ issued: false, productKey: issued.body.productKey });

    // A command id sent to the other process is the same command.
    const replayed = await request(a.url, 'POST', '/v1/purchases/so-sub-a/keys', token.megan, { commandId: 'so-key-1', variant });
    expect(replayed.body).to.include({ replayed: true, fingerprint: issued.body.fingerprint });

    // A ticket opened through one process is in the other's queue, and completed there.
    const opened = await request(a.url, 'POST', '/v1/cancellations', token.megan, cancellationBody('so-cancel-b', 'so-sub-b'));
    expect(opened.status).to.equal(201);
    const queue = await request(b.url, 'GET', '/v1/tickets?status=open', token.desk);
    expect(queue.body.tickets.map((ticket: { ticketId: string }) => ticket.ticketId)).to.deep.equal([opened.body.ticketId]);
    expect((await request(b.url, 'POST', `/v1/cancellations/${opened.body.ticketId}/complete`, token.desk, { commandId: 'so-complete-b' })).status).to.equal(200);

    for (const service of [a, b]) {
      const list = await request(service.url, 'GET', `/v1/customers/${tenants.contoso}/software`, token.megan);
      expect(list.body.items.map((item: { subscriptionId: string; status: string }) => [item.subscriptionId, item.status])).to.deep.equal([
        ['so-sub-a', 'active'],
        ['so-sub-b', 'cancelled'],
      ]);
      expect((await request(service.url, 'GET', '/v1/tickets?status=open', token.desk)).body.tickets).to.deep.equal([]);
    }
  });

  it('keeps every concurrent write of both on one purchase, once each, in one order both agree on', async () => {
    // 24 writers on one stream across two processes may outlast the engine's retries: a 409
    // VersionConflict says to send the same command again, as a client does here, to either process.
    const write = async (index: number): Promise<number> => {
      let answer = await request(index % 2 === 0 ? a.url : b.url, 'POST', '/v1/purchases/so-sub-a/downloads', token.megan, { commandId: `so-dl-${index}`, variant });
      for (let attempt = 1; answer.status === 409 && answer.body.code === 'VersionConflict' && attempt < 10; attempt += 1) {
        answer = await request((index + attempt) % 2 === 0 ? a.url : b.url, 'POST', '/v1/purchases/so-sub-a/downloads', token.megan, { commandId: `so-dl-${index}`, variant });
      }
      return answer.status;
    };
    const statuses = await Promise.all(Array.from({ length: 24 }, (_, index) => write(index)));
    expect(statuses).to.deep.equal(statuses.map(() => 200));
    const [fromA, fromB] = await Promise.all([a, b].map((service) => request(service.url, 'GET', '/v1/audit-trail', token.auditor)));
    expect(fromA?.body.entries.filter((entry: { type: string }) => entry.type === 'Downloaded')).to.have.length(24);
    expect(fromA?.body).to.deep.equal(fromB?.body);
    const versions = fromA?.body.entries.filter((entry: { subscriptionId: string }) => entry.subscriptionId === 'so-sub-a').map((entry: { version: number }) => entry.version);
    expect(versions).to.deep.equal(versions.map((_: number, index: number) => index + 1));
  });
});
