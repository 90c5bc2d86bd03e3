import { expect } from 'chai';
import { errorCodes } from '@csp-onprem/domain';
import { problemTypes } from '../src/index.js';
import { cancellationBody, claimsOf, purchaseBody, tenants } from './support/cast.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type Answer, type TestService } from './support/test-service.js';

function expectProblem(answer: Answer, status: number, code: string): void {
  expect(answer.status, answer.text).to.equal(status);
  expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(answer.body).to.include({ status, code, type: `urn:csp-onprem:problem:${code}`, title: problemTypes[code as keyof typeof problemTypes].title });
  expect(answer.body.detail).to.be.a('string');
  expect(answer.text).to.not.match(/\bat .+\.(js|ts):\d+|node_modules|Error:/);
}

describe('bad input', () => {
  let issuer: TestIssuer;
  let service: TestService;
  let megan: string;

  before(async () => {
    issuer = await TestIssuer.start();
    service = await startService(testIdentity(issuer), { bodyLimit: 16 * 1024 });
    megan = await issuer.token(claimsOf.megan);
    await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: megan, body: purchaseBody('buy-b1', 'sub-b1') });
  });
  afterEach(async () => {
    // Whatever came before, the process still answers, and nothing else was written.
    expect((await service.call('GET', '/healthz')).status).to.equal(200);
    expect(await service.events()).to.have.length(1);
  });
  after(async () => {
    await service.close();
    await issuer.close();
  });

  it('malformed JSON answers 400 MalformedRequest', async () => {
    expectProblem(await service.call('POST', '/v1/commands', { token: megan, raw: '{"type": "GetKey", ', contentType: 'application/json' }), 400, 'MalformedRequest');
  });

  it('a JSON body that would poison a prototype answers 400 MalformedRequest', async () => {
    expectProblem(await service.call('POST', '/v1/cancellations', { token: megan, raw: '{"__proto__": {"admin": true}}', contentType: 'application/json' }), 400, 'MalformedRequest');
  });

  it('an empty JSON body answers 400', async () => {
    const answer = await service.call('POST', '/v1/commands', { token: megan, raw: '', contentType: 'application/json' });
    expect(answer.status).to.equal(400);
  });

  it('the wrong content type answers 415 UnsupportedMediaType', async () => {
    expectProblem(await service.call('POST', '/v1/commands', { token: megan, raw: 'type=GetKey', contentType: 'application/x-www-form-urlencoded' }), 415, 'UnsupportedMediaType');
    expectProblem(await service.call('POST', '/v1/commands', { token: megan, raw: '{"type":"GetKey"}', contentType: 'text/plain' }), 415, 'UnsupportedMediaType');
  });

  it('a body over the limit answers 413 PayloadTooLarge', async () => {
    const body = { ...cancellationBody('cancel-big', 'sub-b1'), refundReason: 'x'.repeat(20_000) };
    expectProblem(await service.call('POST', '/v1/cancellations', { token: megan, body }), 413, 'PayloadTooLarge');
  });

  it('a body that is not an object answers 400 InvalidCommand', async () => {
    expectProblem(await service.call('POST', '/v1/commands', { token: megan, body: ['GetKey'] }), 400, 'InvalidCommand');
    expectProblem(await service.call('POST', '/v1/commands', { token: megan, raw: 'null', contentType: 'application/json' }), 400, 'InvalidCommand');
  });

  it('a command of no known type answers 400 naming the type', async () => {
    const answer = await service.call('POST', '/v1/commands', { token: megan, body: { type: 'DeleteEverything', commandId: 'x' } });
    expectProblem(answer, 400, 'InvalidCommand');
    expect(answer.body.errors).to.deep.equal([{ path: 'type', expected: 'a command type of the contract', found: '"DeleteEverything"' }]);
  });

  it('a tenant in the path that is not a GUID answers 400', async () => {
    const answer = await service.call('POST', '/v1/customers/contoso/purchases', { token: megan, body: purchaseBody('buy-b2', 'sub-b2') });
    expectProblem(answer, 400, 'InvalidCommand');
    expect(answer.body.errors[0].path).to.equal('tenantId');
  });

  it('an unknown route answers 404 NotFound without repeating the query', async () => {
    const answer = await service.call('GET', '/v2/everything?access_token=secret-looking');
    expectProblem(answer, 404, 'NotFound');
    expect(answer.text).to.not.include('secret-looking');
  });

  it('an unknown subscription in the path answers 404 UnknownPurchase', async () => {
    expectProblem(await service.call('POST', '/v1/purchases/sub-nope/downloads', { token: megan, body: { commandId: 'dl-nope', variant: { version: '2019', language: 'en-us', bitness: '64-bit' } } }), 404, 'UnknownPurchase');
  });

  it('an unknown ticket in the path answers 404 UnknownTicket', async () => {
    expectProblem(await service.call('POST', '/v1/cancellations/TKT-nope/complete', { token: await issuer.token(claimsOf.desk), body: { commandId: 'complete-nope' } }), 404, 'UnknownTicket');
  });
});

describe('the status of each error code', () => {
  it('is defined once, for every code the engine has', () => {
    const statuses = Object.fromEntries(errorCodes.map((code) => [code, problemTypes[code].status]));
    expect(statuses).to.deep.equal({
      InvalidCommand: 400,
      Forbidden: 403,
      UnknownPurchase: 404,
      UnknownTicket: 404,
      DuplicatePurchase: 409,
      CancellationPending: 409,
      AlreadyCancelled: 409,
      CancellationWindowElapsed: 409,
      VersionConflict: 409,
      CustomerMismatch: 422,
      AmbiguousOrder: 422,
      AmbiguousPurchase: 422,
      VariantNotOffered: 422,
      AmountExceedsPaid: 422,
      CurrencyMismatch: 422,
      KeyShredded: 410,
      KeyEncryptionKeyMismatch: 500,
      ReadModelMismatch: 500,
      StoreUnavailable: 503,
    });
  });
});
