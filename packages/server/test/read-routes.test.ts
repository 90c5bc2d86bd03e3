import { expect } from 'chai';
import { createEngine, inMemoryStore, manualClock } from '@csp-onprem/engine';
import { cancellationBody, claimsOf, purchaseBody, tenants, variant } from './support/cast.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type TestService } from './support/test-service.js';

describe('the read routes', () => {
  let issuer: TestIssuer;
  let service: TestService;
  let megan: string;
  let kim: string;
  let auditor: string;
  let boughtAt: string;
  let positionAfterPurchase: number;

  before(async () => {
    issuer = await TestIssuer.start();
    service = await startService(testIdentity(issuer));
    [megan, kim, auditor] = await Promise.all([issuer.token(claimsOf.megan), issuer.token(claimsOf.kim), issuer.token(claimsOf.auditor)]);
    const bought = await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: megan, body: purchaseBody('buy-r1', 'sub-r1') });
    boughtAt = bought.body.purchasedAt;
    positionAfterPurchase = (await service.events()).length;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await service.call('POST', '/v1/purchases/sub-r1/keys', { token: megan, body: { commandId: 'key-r1', variant } });
  });
  after(async () => {
    await service.close();
    await issuer.close();
  });

  it("list the customer's software with keys by fingerprint, never the key or its data key id", async () => {
    const answer = await service.call('GET', `/v1/customers/${tenants.contoso}/software`, { token: megan });
    expect(answer.status).to.equal(200);
    expect(answer.body.customerTenantId).to.equal(tenants.contoso);
    expect(answer.body.items).to.have.length(1);
    const [item] = answer.body.items;
    expect(item).to.deep.include({ subscriptionId: 'sub-r1', status: 'active', downloads: 0, linkCopies: 0, downloadLinksOffered: true });
    expect(Object.keys(item.keys[0]).sort()).to.deep.equal(['fingerprint', 'issuedAt', 'revoked', 'revokedAt', 'shredded', 'variant', 'views']);
    expect(answer.text).to.not.match(/TEST-|dataKeyId|sealedKey/);
  });

  it('list it as it stood at an instant or a global position', async () => {
    const atPurchase = await service.call('GET', `/v1/customers/${tenants.contoso}/software?asOf=${encodeURIComponent(boughtAt)}`, { token: megan });
    expect(atPurchase.status, atPurchase.text).to.equal(200);
    expect(atPurchase.body.asOf).to.equal(boughtAt);
    expect(atPurchase.body.items[0].keys).to.deep.equal([]);
    const atPosition = await service.call('GET', `/v1/customers/${tenants.contoso}/software?asOf=${positionAfterPurchase}`, { token: megan });
    expect(atPosition.body.items[0].keys).to.deep.equal([]);
    const before = await service.call('GET', `/v1/customers/${tenants.contoso}/software?asOf=2001-01-01T00:00:00Z`, { token: megan });
    expect(before.body.items).to.deep.equal([]);
  });

  it('refuse an asOf that is neither an instant nor a position', async () => {
    const answer = await service.call('GET', `/v1/customers/${tenants.contoso}/software?asOf=yesterday`, { token: megan });
    expect(answer.status).to.equal(400);
    expect(answer.body.errors[0].path).to.equal('asOf');
    const invalidDay = await service.call('GET', `/v1/customers/${tenants.contoso}/software?asOf=2025-02-30T00:00:00Z`, { token: megan });
    expect(invalidDay.status).to.equal(400);
    const noZone = await service.call('GET', `/v1/customers/${tenants.contoso}/software?asOf=2026-01-01T00:00:00`, { token: megan });
    expect(noZone.status, 'never read in the server’s own time zone').to.equal(400);
    const badHour = await service.call('GET', `/v1/customers/${tenants.contoso}/software?asOf=2026-01-01T24:30:00Z`, { token: megan });
    expect(badHour.status).to.equal(400);
  });

  it("show the customer's GlobalAdmin its own list, and nothing of another tenant", async () => {
    expect((await service.call('GET', `/v1/customers/${tenants.contoso}/software`, { token: kim })).body.items).to.have.length(1);
    const other = await service.call('GET', `/v1/customers/${tenants.fabrikam}/software`, { token: kim });
    expect(other.status).to.equal(403);
  });

  it('judge refund eligibility now, and as of an instant', async () => {
    const now = await service.call('GET', '/v1/purchases/sub-r1/refund-eligibility', { token: megan });
    expect(now.status).to.equal(200);
    expect(now.body).to.deep.include({ subscriptionId: 'sub-r1', eligible: true, reason: 'within-window', creditPercent: 100, daysLeft: 60 });
    expect(now.body.refundableAmount).to.deep.equal({ amount: 179800, currency: 'USD' });
    const late = new Date(Date.parse(boughtAt) + 61 * 24 * 3600 * 1000).toISOString();
    const after = await service.call('GET', `/v1/purchases/sub-r1/refund-eligibility?at=${encodeURIComponent(late)}`, { token: megan });
    expect(after.body).to.deep.include({ eligible: false, reason: 'window-elapsed', daysLeft: 0 });
  });

  it('answer 404 for the refund eligibility of an unknown subscription', async () => {
    const answer = await service.call('GET', '/v1/purchases/nobody/refund-eligibility', { token: megan });
    expect(answer.status).to.equal(404);
    expect(answer.body.code).to.equal('UnknownPurchase');
  });

  it('give an auditor the audit trail: who did what, with which role, for which tenant', async () => {
    const answer = await service.call('GET', `/v1/audit-trail?customerTenantId=${tenants.contoso}`, { token: auditor });
    expect(answer.status).to.equal(200);
    expect(answer.body.entries.map((entry: { type: string; actingRole: string }) => [entry.type, entry.actingRole])).to.deep.equal([
      ['Purchased', 'AdminAgent'],
      ['KeyIssued', 'AdminAgent'],
    ]);
    const from = await service.call('GET', `/v1/audit-trail?from=${positionAfterPurchase + 1}`, { token: auditor });
    expect(from.body.entries.map((entry: { type: string }) => entry.type)).to.deep.equal(['KeyIssued']);
  });

  it('refuse a query parameter the route does not know', async () => {
    const answer = await service.call('GET', '/v1/audit-trail?form=1', { token: auditor });
    expect(answer.status).to.equal(400);
    expect(answer.body.errors).to.deep.equal([{ path: 'form', expected: 'no such field', found: '"1"' }]);
  });

  it('list tickets only for those who may see them', async () => {
    expect((await service.call('GET', '/v1/tickets?status=open', { token: auditor })).body).to.deep.equal({ tickets: [] });
    const bad = await service.call('GET', '/v1/tickets?status=pending', { token: auditor });
    expect(bad.status).to.equal(400);
  });
});

describe('refund eligibility asked without an instant', () => {
  it("is judged by the engine's clock, the one a cancellation request is judged by", async () => {
    const clock = manualClock(new Date('2026-03-01T09:00:00Z'));
    const issuer = await TestIssuer.start();
    const service = await startService(testIdentity(issuer), { engine: createEngine({ store: inMemoryStore(), clock: clock.now }) });
    try {
      const megan = await issuer.token(claimsOf.megan);
      expect((await service.call('POST', `/v1/customers/${tenants.contoso}/purchases`, { token: megan, body: purchaseBody('buy-clock', 'sub-clock') })).status).to.equal(201);
      clock.advance(61 * 24 * 3600 * 1000);
      const eligibility = await service.call('GET', '/v1/purchases/sub-clock/refund-eligibility', { token: megan });
      expect(eligibility.body).to.deep.include({ at: '2026-05-01T09:00:00.000Z', eligible: false, reason: 'window-elapsed' });
      const request = await service.call('POST', '/v1/cancellations', { token: megan, body: cancellationBody('cancel-clock', 'sub-clock') });
      expect(request.body.code, 'the two agree').to.equal('CancellationWindowElapsed');
    } finally {
      await service.close();
      await issuer.close();
    }
  });
});
