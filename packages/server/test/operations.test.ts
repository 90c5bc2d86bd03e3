import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createEngine, localKeyEncryptionKey, type EventStore } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { createServer, prometheusMetrics } from '../src/index.js';
import { claimsOf, purchaseBody, tenants } from './support/cast.js';
import { slowStore } from './support/slow-store.js';
import { TestIssuer } from './support/test-issuer.js';
import { callService, startService, testIdentity, type TestService } from './support/test-service.js';

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

  it('ends a kept-alive connection with its last answer while closing, leaving a request pipelined behind it unread', async () => {
    const store = slowStore(sqliteStore({ path: join(dir, 'pipelined.db') }), 400);
    const service = await startService(testIdentity(issuer), { store });
    const token = await issuer.token(claimsOf.megan);
    const body = JSON.stringify(purchaseBody('buy-pl1', 'sub-pl1'));
    const socket = connect(Number(new URL(service.url).port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    const started = store.nextAppend();
    // Two requests pipelined on one connection: the second is read only after the first is answered.
    socket.write(
      `POST /v1/customers/${tenants.contoso}/purchases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}` +
        `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    await started;
    await Promise.all([service.close(), ended]);
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers.map((answer) => answer.slice(0, 12))).to.deep.equal(['HTTP/1.1 201']);
    expect(answers[0]).to.match(/^connection: close\r$/im);
  });

  it('answers a request that reaches it while it is closing 503 ShuttingDown, as a problem, is not ready, and counts none of them as still in flight', async () => {
    const engine = createEngine({ store: sqliteStore({ path: join(dir, 'closing.db') }), keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
    const served = prometheusMetrics();
    const app = createServer({ engine, identity: testIdentity(issuer), log: false, metrics: served });
    // Hold close() after the server's own preClose hook, while it still listens.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let closingBegan = (): void => undefined;
    const began = new Promise<void>((resolve) => (closingBegan = resolve));
    app.addHook('preClose', async () => {
      closingBegan();
      await held;
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const closing = app.close();
    await began;
    for (const path of ['/healthz', '/readyz', '/v1/me']) {
      const late = await callService(url, 'GET', path, { token: await issuer.token(claimsOf.megan) });
      expect(late.status, path).to.equal(503);
      expect(late.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(late.headers.get('connection')).to.equal('close');
      expect(late.body).to.include({ code: 'ShuttingDown' });
    }
    const metricsText = await served.text();
    const refusedCounts = metricsText.split('\n').filter((line) => line.startsWith('http_server_request_duration_count{') && line.includes('http_response_status_code="503"'));
    expect(refusedCounts.map((line) => Number(line.split(' ').pop())).reduce((sum, count) => sum + count, 0)).to.equal(3);
    const inFlight = metricsText.split('\n').filter((line) => line.startsWith('http_server_active_requests{'));
    expect(inFlight).to.have.length.greaterThan(0);
    for (const line of inFlight) expect(line).to.match(/ 0$/);
    release();
    await closing;
  });

  it('/readyz answers 503 RequestTimeout when the read models cannot catch up within the readiness bound', async () => {
    const inner = sqliteStore({ path: join(dir, 'lagging.db') });
    // Every read of the log takes longer than the readiness bound.
    const lagging: EventStore = {
      ...inner,
      readAll: async (options) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return inner.readAll(options);
      },
    };
    const service = await startService(testIdentity(issuer), { store: lagging, readinessTimeoutMs: 100 });
    try {
      const answer = await service.call('GET', '/readyz');
      expect(answer.status).to.equal(503);
      expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(answer.body).to.include({ code: 'RequestTimeout' });
      expect(answer.body.detail).to.equal('the read models did not catch up with the log within 100 ms');
    } finally {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await service.close();
    }
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
