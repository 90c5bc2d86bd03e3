import { expect } from 'chai';
import { claimsOf, purchaseBody, cancellationBody, tenants, variant } from './support/cast.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type TestService } from './support/test-service.js';

describe('the command routes', () => {
  let issuer: TestIssuer;
  let service: TestService;
  const token: Record<keyof typeof claimsOf, string> = {} as Record<keyof typeof claimsOf, string>;

  before(async () => {
    issuer = await TestIssuer.start();
    service = await startService(testIdentity(issuer));
    for (const [name, claims] of Object.entries(claimsOf)) token[name as keyof typeof claimsOf] = await issuer.token(claims);
  });
  after(async () => {
    await service.close();
    await issuer.close();
  });

  it('buy on behalf of the customer in the path, for the token tenant as partner: 201 with the purchase', async () => {
    const answer = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: token.megan, body: purchaseBody('buy-1', 'sub-1') });
    expect(answer.status, answer.text).to.equal(201);
    expect(answer.body).to.deep.include({ type: 'PurchaseSoftware', commandId: 'buy-1', replayed: false, subscriptionId: 'sub-1', orderId: 'order-sub-1', partnerId: tenants.northwind, quantity: 2 });
    expect(answer.body.customer).to.deep.equal({ tenantId: tenants.contoso, domain: 'contoso.onmicrosoft.com' });
    expect(answer.body.paid).to.deep.equal({ amount: 179800, currency: 'USD' });
    expect(Date.parse(answer.body.cancellableUntil) - Date.parse(answer.body.purchasedAt)).to.equal(60 * 24 * 3600 * 1000);
    expect(answer.body.events).to.deep.equal([{ type: 'Purchased', version: 1, occurredAt: answer.body.purchasedAt }]);
  });

  it('answer a command id sent again as the first time did, writing nothing', async () => {
    const before = (await service.events()).length;
    const again = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: token.megan, body: purchaseBody('buy-1', 'sub-1') });
    expect(again.status).to.equal(201);
    expect(again.body).to.deep.include({ commandId: 'buy-1', replayed: true, subscriptionId: 'sub-1' });
    expect((await service.events()).length).to.equal(before);
  });

  it('get a key: the answer carries the key and its fingerprint, never sealed key material or internal ids', async () => {
    const answer = await service.call('POST', '/v1/purchases/sub-1/keys', { token: token.megan, body: { commandId: 'key-1', variant } });
    expect(answer.status, answer.text).to.equal(200);
    expect(Object.keys(answer.body).sort()).to.deep.equal(['commandId', 'events', 'fingerprint', 'issued', 'productKey', 'replayed', 'subscriptionId', 'type', 'variant']);
    expect(answer.body).to.deep.include({ type: 'GetKey', issued: true, subscriptionId: 'sub-1', variant });
    expect(answer.body.productKey).to.match(/^TEST-[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
    for (const internal of ['sealedKey', 'ciphertext', 'dataKeyId', 'keyId', 'streamId', 'eventId', 'csp-software-']) expect(answer.text).to.not.include(internal);
  });

  it('answer a GetKey sent again with the same status and shape, without the key', async () => {
    const again = await service.call('POST', '/v1/purchases/sub-1/keys', { token: token.megan, body: { commandId: 'key-1', variant } });
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.include({ type: 'GetKey', replayed: true, issued: true, subscriptionId: 'sub-1' });
    expect(again.body).to.not.have.property('productKey');
  });

  it("show the customer's GlobalAdmin the same key again (issued: false)", async () => {
    const first = await service.call('POST', '/v1/purchases/sub-1/keys', { token: token.megan, body: { commandId: 'key-2', variant } });
    const kims = await service.call('POST', '/v1/purchases/sub-1/keys', { token: token.kim, headers: { 'idempotency-key': 'kim-key-1' }, body: { variant } });
    expect(kims.status, kims.text).to.equal(200);
    expect(kims.body).to.deep.include({ commandId: 'kim-key-1', issued: false, fingerprint: first.body.fingerprint, productKey: first.body.productKey });
  });

  it("answer another customer's GlobalAdmin as if the purchase did not exist (404), writing nothing", async () => {
    const before = (await service.events()).length;
    const answer = await service.call('POST', '/v1/purchases/sub-1/keys', { token: token.fabrikamAdmin, body: { commandId: 'outsider-1', variant } });
    expect(answer.status).to.equal(404);
    expect(answer.body.code).to.equal('UnknownPurchase');
    expect(answer.text).to.not.include('TEST-');
    expect((await service.events()).length).to.equal(before);
  });

  it('record a download and hand the link only to whoever copied it', async () => {
    const download = await service.call('POST', '/v1/purchases/sub-1/downloads', { token: token.megan, body: { commandId: 'dl-1', variant } });
    expect(download.status).to.equal(200);
    expect(download.body).to.deep.include({ type: 'DownloadSoftware', subscriptionId: 'sub-1', variant });
    const link = await service.call('POST', '/v1/purchases/sub-1/links', { token: token.megan, body: { commandId: 'link-1', variant } });
    expect(link.status).to.equal(200);
    expect(link.body.link.url).to.match(/^https:\/\/downloads\.csp-onprem-test\.invalid\/sub-1\//);
    expect(link.body.linkHost).to.equal('downloads.csp-onprem-test.invalid');
    const again = await service.call('POST', '/v1/purchases/sub-1/links', { token: token.megan, body: { commandId: 'link-1', variant } });
    expect(again.body).to.deep.include({ replayed: true, linkFingerprint: link.body.linkFingerprint }).and.not.have.property('link');
  });

  it('refuse a variant the product does not offer with 422', async () => {
    const answer = await service.call('POST', '/v1/purchases/sub-1/keys', { token: token.megan, body: { commandId: 'key-9', variant: { ...variant, version: '2022' } } });
    expect(answer.status).to.equal(422);
    expect(answer.body.code).to.equal('VariantNotOffered');
  });

  it('answer 404 for an unknown subscription in the path, writing nothing', async () => {
    const before = (await service.events()).length;
    const answer = await service.call('POST', '/v1/purchases/no-such-sub/keys', { token: token.megan, body: { commandId: 'key-404', variant } });
    expect(answer.status).to.equal(404);
    expect(answer.body).to.include({ code: 'UnknownPurchase', title: 'No such purchase' });
    expect((await service.events()).length).to.equal(before);
  });

  it('open a ticket (201), refuse a second one (409), and let only the operator desk decide it', async () => {
    const opened = await service.call('POST', '/v1/cancellations', { token: token.megan, body: cancellationBody('cancel-1', 'sub-1') });
    expect(opened.status, opened.text).to.equal(201);
    expect(opened.body).to.deep.include({ type: 'RequestCancellation', status: 'open', subscriptionId: 'sub-1', requestedAmount: { amount: 179800, currency: 'USD' } });
    const ticketId = opened.body.ticketId as string;

    const second = await service.call('POST', '/v1/cancellations', { token: token.megan, body: cancellationBody('cancel-2', 'sub-1') });
    expect(second.status).to.equal(409);
    expect(second.body.code).to.equal('CancellationPending');

    const queue = await service.call('GET', '/v1/tickets?status=open', { token: token.desk });
    expect(queue.body.tickets.map((ticket: { ticketId: string }) => ticket.ticketId)).to.deep.equal([ticketId]);
    expect(queue.body.tickets[0]).to.deep.include({ refundReason: 'Ordered the wrong edition', impact: 'Blocks the migration', title: 'Cancel SQL Server order', attachments: ['invoice.pdf'] });
    expect(queue.body.tickets[0].contact).to.deep.equal({ name: 'Megan Bowen', email: 'megan@northwind.example', phone: '+1 425 555 0100' });

    const rogue = await service.call('POST', `/v1/cancellations/${ticketId}/reject`, { token: token.rogue, body: { commandId: 'rogue-1', reason: 'mine now' } });
    expect(rogue.status).to.equal(403);

    const completed = await service.call('POST', `/v1/cancellations/${ticketId}/complete`, { token: token.desk, body: { commandId: 'complete-1' } });
    expect(completed.status, completed.text).to.equal(200);
    expect(completed.body).to.deep.include({ type: 'CompleteCancellation', ticketId, subscriptionId: 'sub-1', credit: { amount: 179800, currency: 'USD' }, creditPercent: 100 });
    expect(completed.body.revokedKeys).to.have.length(1);
    expect((await service.call('GET', '/v1/tickets?status=open', { token: token.desk })).body.tickets).to.deep.equal([]);
  });

  it('refuse keys of a cancelled purchase with 409 AlreadyCancelled', async () => {
    const answer = await service.call('POST', '/v1/purchases/sub-1/keys', { token: token.megan, body: { commandId: 'key-after', variant } });
    expect(answer.status).to.equal(409);
    expect(answer.body.code).to.equal('AlreadyCancelled');
  });

  it('take any command of the contract at POST /v1/commands, with the same answers', async () => {
    const bought = await service.call('POST', '/v1/commands', {
      token: token.megan,
      body: { type: 'PurchaseSoftware', ...purchaseBody('buy-2', 'sub-2'), partnerId: tenants.northwind, customer: { tenantId: tenants.contoso, domain: 'contoso.onmicrosoft.com' } },
    });
    expect(bought.status, bought.text).to.equal(201);
    const opened = await service.call('POST', '/v1/commands', { token: token.megan, body: { type: 'RequestCancellation', ...cancellationBody('cancel-3', 'sub-2', 100) } });
    expect(opened.status, opened.text).to.equal(201);
    const rejected = await service.call('POST', '/v1/commands', { token: token.desk, body: { type: 'RejectCancellation', commandId: 'reject-1', ticketId: opened.body.ticketId, reason: 'keys in use' } });
    expect(rejected.status, rejected.text).to.equal(200);
    expect(rejected.body).to.deep.include({ type: 'RejectCancellation', ticketId: opened.body.ticketId, subscriptionId: 'sub-2', reason: 'keys in use' });
  });

  it('refuse a body that names an actor (400) and write nothing', async () => {
    const before = (await service.events()).length;
    const answer = await service.call('POST', '/v1/commands', {
      token: token.megan,
      body: { type: 'GetKey', commandId: 'key-actor', subscriptionId: 'sub-2', variant, actor: { userId: 'kim', tenantId: tenants.contoso, roles: ['GlobalAdmin'] } },
    });
    expect(answer.status).to.equal(400);
    expect(answer.body.code).to.equal('InvalidCommand');
    expect(answer.body.errors).to.deep.equal([{ path: 'actor', expected: "no actor: the actor is the bearer token's, never the body's", found: 'an actor in the body' }]);
    const rest = await service.call('POST', '/v1/purchases/sub-2/keys', { token: token.megan, body: { commandId: 'key-actor-2', variant, actor: { userId: 'x' } } });
    expect(rest.status).to.equal(400);
    expect((await service.events()).length).to.equal(before);
  });

  it('need a command id, from the body or the Idempotency-Key header, the same when both are given', async () => {
    const none = await service.call('POST', '/v1/purchases/sub-2/downloads', { token: token.megan, body: { variant } });
    expect(none.status).to.equal(400);
    expect(none.body.errors[0].path).to.equal('commandId');
    const differ = await service.call('POST', '/v1/purchases/sub-2/downloads', { token: token.megan, headers: { 'idempotency-key': 'a' }, body: { commandId: 'b', variant } });
    expect(differ.status).to.equal(400);
  });

  it('refuse a value of the wrong type with the path that failed, never coercing it', async () => {
    const answer = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: token.megan, body: { ...purchaseBody('buy-3', 'sub-3'), unitPrice: { amount: '899', currency: 'USD' } } });
    expect(answer.status).to.equal(400);
    expect(answer.body.errors).to.deep.equal([{ path: 'unitPrice.amount', expected: 'must be integer', found: '"899"' }]);
  });

  it('propagate the request id into the engine as the correlation id of what it writes', async () => {
    const answer = await service.call('POST', '/v1/purchases/sub-2/downloads', { token: token.megan, headers: { 'x-request-id': 'trace-4bf92f3577b34da6' }, body: { commandId: 'dl-traced', variant } });
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('x-request-id')).to.equal('trace-4bf92f3577b34da6');
    const written = (await service.events()).filter((event) => (event.meta as { commandId?: string }).commandId === 'dl-traced');
    expect(written.map((event) => (event.meta as { correlationId?: string }).correlationId)).to.deep.equal(['trace-4bf92f3577b34da6']);
  });
});
