import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { claimsOf, purchaseBody, tenants } from './support/cast.js';
import { slowStore } from './support/slow-store.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type TestService } from './support/test-service.js';

describe('the operational routes', () => {
  let issuer: TestIssuer;
  let service: TestService;

  before(async () => {
    issuer = await TestIssuer.start();
    service = await startService(testIdentity(issuer));
  });
  after(async () => {
    await service.close();
    await issuer.close();
  });

  it('/healthz answers while the process is up, without a token', async () => {
    const answer = await service.call('GET', '/healthz');
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.equal({ status: 'up' });
  });

  it('/readyz answers ready with the position the read models reached', async () => {
    await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: await issuer.token(claimsOf.megan), body: purchaseBody('buy-op1', 'sub-op1') });
    const answer = await service.call('GET', '/readyz');
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.equal({ status: 'ready', position: 1 });
  });

  it('/metrics serves the Prometheus text with request durations by route template and status', async () => {
    await service.call('GET', '/v1/purchases/sub-op1/refund-eligibility', { token: await issuer.token(claimsOf.megan) });
    const answer = await service.call('GET', '/metrics');
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    expect(answer.text).to.match(/^# TYPE http_server_request_duration histogram$/m);
    expect(answer.text).to.match(/http_server_request_duration_count\{[^}]*http_response_status_code="200"[^}]*http_route="\/v1\/purchases\/:subscriptionId\/refund-eligibility"[^}]*\} [1-9]/);
    expect(answer.text).to.not.include('sub-op1');
  });

  it('every answer carries a request id, the caller\'s when it sends a plain one', async () => {
    expect((await service.call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).to.equal('abc-123');
    const replaced = (await service.call('GET', '/healthz', { headers: { 'x-request-id': 'bad id <script>' } })).headers.get('x-request-id');
    expect(replaced).to.match(/^[0-9a-f-]{36}$/);
  });

  it('/v1 answers are never cached', async () => {
    const answer = await service.call('GET', '/v1/me', { token: await issuer.token(claimsOf.megan) });
    expect(answer.headers.get('cache-control')).to.equal('no-store');
    expect(answer.headers.get('x-content-type-options')).to.equal('nosniff');
  });
});

describe('shutting down', () => {
  let issuer: TestIssuer;
  let dir: string;

  before(async () => {
    issuer = await TestIssuer.start();
    dir = mkdtempSync(join(tmpdir(), 'csp-server-shutdown-'));
  });
  after(async () => {
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the request in flight, then closes the store, and takes no new connection', async () => {
    const store = slowStore(sqliteStore({ path: join(dir, 'shutdown.db') }), 400);
    const service: TestService = await startService(testIdentity(issuer), { store });
    const started = store.nextAppend();
    const inFlight = service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: await issuer.token(claimsOf.megan), body: purchaseBody('buy-sd1', 'sub-sd1') });
    await started;
    const closing = service.app.close();
    const answer = await inFlight;
    await closing;
    expect(answer.status, answer.text).to.equal(201);
    expect(store.closed).to.equal(true);
    let refused = false;
    await fetch(`${service.url}/healthz`).catch(() => (refused = true));
    expect(refused).to.equal(true);
    const reopened = sqliteStore({ path: join(dir, 'shutdown.db') });
    const page = await reopened.readAll({ after: 0, limit: 10 });
    await reopened.close();
    expect(page).to.have.nested.property('right.length', 1);
  });

  it('answers 503 RequestTimeout when a command outlasts the deadline, and the command id learns the result later', async () => {
    const store = slowStore(sqliteStore({ path: join(dir, 'deadline.db') }), 600);
    const service = await startService(testIdentity(issuer), { store, handlerTimeoutMs: 150 });
    try {
      const token = await issuer.token(claimsOf.megan);
      const late = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token, body: purchaseBody('buy-dl1', 'sub-dl1') });
      expect(late.status).to.equal(503);
      expect(late.body.code).to.equal('RequestTimeout');
      await new Promise((resolve) => setTimeout(resolve, 700));
      const again = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token, body: purchaseBody('buy-dl1', 'sub-dl1') });
      expect(again.status, again.text).to.equal(201);
      expect(again.body.replayed).to.equal(true);
      const list = await service.call('GET', `/v1/customers/${tenants.contoso}/software`, { token });
      expect(list.body.items.map((item: { subscriptionId: string }) => item.subscriptionId)).to.deep.equal(['sub-dl1']);
    } finally {
      await service.close();
    }
  });
});
