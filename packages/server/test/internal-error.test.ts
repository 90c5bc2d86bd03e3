import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createEngine, localKeyEncryptionKey, type Engine } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { claimsOf, purchaseBody, tenants } from './support/cast.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type Answer, type TestService } from './support/test-service.js';

/** What the failing engine throws: none of it may reach the caller. */
const THROWN_MESSAGE = 'boom at /srv/csp/secret-config.json line 42';

/** The engine, but every session's `execute` and `softwareList` throw instead of answering an error value. */
function throwingEngine(engine: Engine): Engine {
  return {
    ...engine,
    as: (actor) => ({
      ...engine.as(actor),
      execute: async () => {
        throw new Error(THROWN_MESSAGE);
      },
      softwareList: async () => {
        throw new TypeError(THROWN_MESSAGE);
      },
    }),
  };
}

interface LogRecord {
  readonly level?: number;
  readonly msg?: string;
  readonly requestId?: string;
  readonly err?: { readonly message?: string; readonly stack?: string; readonly type?: string };
}

function expectInternalError(answer: Answer, requestId: string): void {
  expect(answer.status, answer.text).to.equal(500);
  expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(answer.headers.get('x-request-id')).to.equal(requestId);
  expect(answer.body).to.deep.equal({
    type: 'urn:csp-onprem:problem:InternalError',
    title: 'The service failed unexpectedly',
    status: 500,
    detail: 'The service failed unexpectedly; its log says why, under this request id.',
    code: 'InternalError',
    requestId,
  });
  expect(answer.text).to.not.include('boom');
  expect(answer.text).to.not.include('secret-config');
  expect(answer.text, 'no stack trace').to.not.match(/\bat .+:\d+:\d+|stack|\.ts\b|\.js\b/);
}

describe('a handler that throws unexpectedly', () => {
  let issuer: TestIssuer;
  let service: TestService;
  let dir: string;
  let megan: string;
  const lines: string[] = [];

  before(async () => {
    issuer = await TestIssuer.start();
    dir = mkdtempSync(join(tmpdir(), 'csp-server-internal-error-'));
    const store = sqliteStore({ path: join(dir, 'internal-error.db') });
    const engine = throwingEngine(createEngine({ store, keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) }));
    service = await startService(testIdentity(issuer), { store, engine, log: { level: 'info', stream: { write: (line) => lines.push(line) } } });
    megan = await issuer.token(claimsOf.megan);
  });
  after(async () => {
    await service.close();
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const records = (): LogRecord[] => lines.map((line) => JSON.parse(line) as LogRecord);

  it('answers a command 500 InternalError as problem+json, with a title and neither the thrown message nor a stack, and writes nothing', async () => {
    const answer = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, {
      token: megan,
      headers: { 'x-request-id': 'internal-error-1' },
      body: purchaseBody('buy-ie1', 'sub-ie1'),
    });
    expectInternalError(answer, 'internal-error-1');
    expect(await service.events()).to.deep.equal([]);
  });

  it('answers a read that throws the same way', async () => {
    const answer = await service.call('GET', `/v1/customers/${tenants.contoso}/software`, { token: megan, headers: { 'x-request-id': 'internal-error-2' } });
    expectInternalError(answer, 'internal-error-2');
  });

  it('logs the error, with its message and stack, under the request id the caller was given', async () => {
    await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: megan, headers: { 'x-request-id': 'internal-error-3' }, body: purchaseBody('buy-ie3', 'sub-ie3') });
    const failures = records().filter((record) => record.msg === 'request failed unexpectedly' && record.requestId === 'internal-error-3');
    expect(failures).to.have.length(1);
    const [failure] = failures;
    expect(failure?.level, 'logged at level error').to.equal(50);
    expect(failure?.err?.message).to.equal(THROWN_MESSAGE);
    expect(failure?.err?.stack).to.be.a('string').that.includes(THROWN_MESSAGE);
  });

  it('keeps serving after the failure', async () => {
    expect((await service.call('GET', '/healthz')).status).to.equal(200);
  });
});
