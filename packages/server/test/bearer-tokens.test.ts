import { expect } from 'chai';
import { bearerIdentity } from '../src/index.js';
import { claimsOf, OPERATOR_TENANTS, tenants } from './support/cast.js';
import { TEST_AUDIENCE, TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type Answer, type TestService } from './support/test-service.js';

function expectRefusedToken(answer: Answer, detail: string): void {
  expect(answer.status, answer.text).to.equal(401);
  expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(answer.headers.get('www-authenticate')).to.match(/^Bearer realm="csp-onprem", error="invalid_token", error_description="/);
  expect(answer.body).to.include({ code: 'Unauthenticated', status: 401, detail });
}

describe('bearer tokens', () => {
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

  it("answer /v1/me with the actor built from the token's claims", async () => {
    const answer = await service.call('GET', '/v1/me', { token: await issuer.token(claimsOf.megan) });
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.equal({ userId: claimsOf.megan.oid, tenantId: tenants.northwind, roles: ['AdminAgent'] });
  });

  it('are required: none answers 401 with a bare Bearer challenge', async () => {
    const answer = await service.call('GET', '/v1/me');
    expect(answer.status).to.equal(401);
    expect(answer.headers.get('www-authenticate')).to.equal('Bearer realm="csp-onprem"');
    expect(answer.body).to.include({ code: 'Unauthenticated', type: 'urn:csp-onprem:problem:Unauthenticated', title: 'A valid bearer token is required' });
    expect(answer.body.requestId).to.equal(answer.headers.get('x-request-id'));
  });

  it('are refused in another scheme', async () => {
    expectRefusedToken(await service.call('GET', '/v1/me', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }), 'the Authorization header is not "Bearer <token>"');
  });

  it('are refused unsigned (alg none)', async () => {
    expectRefusedToken(await service.call('GET', '/v1/me', { token: issuer.unsignedToken(claimsOf.megan) }), "the token's algorithm is not accepted: only asymmetric signatures are");
  });

  it("are refused when signed HS256 with the issuer's public key", async () => {
    expectRefusedToken(await service.call('GET', '/v1/me', { token: await issuer.hs256WithPublicKey(claimsOf.megan) }), "the token's algorithm is not accepted: only asymmetric signatures are");
  });

  it('are refused from another issuer', async () => {
    expectRefusedToken(await service.call('GET', '/v1/me', { token: await issuer.token(claimsOf.megan, { issuer: 'https://login.example.invalid/other/v2.0' }) }), "the token's iss claim is not accepted");
  });

  it('are refused for another audience', async () => {
    expectRefusedToken(await service.call('GET', '/v1/me', { token: await issuer.token(claimsOf.megan, { audience: 'api://another-service' }) }), "the token's aud claim is not accepted");
  });

  it('are refused once expired, and before their not-before', async () => {
    expectRefusedToken(await service.call('GET', '/v1/me', { token: await issuer.token(claimsOf.megan, { expiresIn: -3600 }) }), 'the token has expired');
    expectRefusedToken(await service.call('GET', '/v1/me', { token: await issuer.token(claimsOf.megan, { notBefore: 3600 }) }), "the token's nbf claim is not accepted");
  });

  it('are refused when tampered with', async () => {
    const token = await issuer.token(claimsOf.megan);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload as string, 'base64url').toString()), roles: ['Support'] })).toString('base64url');
    expectRefusedToken(await service.call('GET', '/v1/me', { token: `${header}.${forged}.${signature}` }), "the token's signature does not verify");
  });

  it('are refused without a tenant', async () => {
    expectRefusedToken(await service.call('GET', '/v1/me', { token: await issuer.token({ sub: 'someone', roles: ['AdminAgent'] }) }), 'the token has no tenant (a tid claim holding a tenant GUID)');
  });

  it('never have their text repeated in a problem', async () => {
    const token = await issuer.token(claimsOf.megan, { expiresIn: -60 * 60 });
    const answer = await service.call('GET', '/v1/me', { token });
    expect(answer.text).to.not.include(token.split('.')[1]);
    expect(answer.headers.get('www-authenticate')).to.not.include(token.split('.')[1]);
  });

  it("grant Support only in the operator's tenants: another partner's agent holding it cannot reject a ticket", async () => {
    const answer = await service.call('POST', '/v1/cancellations/any-ticket/reject', { token: await issuer.token(claimsOf.rogue), body: { commandId: 'rogue-reject-1', reason: 'no' } });
    expect(answer.status).to.equal(403);
    expect(answer.body.code).to.equal('Forbidden');
    const me = await service.call('GET', '/v1/me', { token: await issuer.token(claimsOf.rogue) });
    expect(me.body.roles).to.deep.equal(['AdminAgent']);
  });

  it('answer 503 IdentityUnavailable, not 401, when the issuer keys cannot be fetched', async () => {
    const other = await TestIssuer.start();
    const lonely = await startService(bearerIdentity({ issuer: other.url, audience: TEST_AUDIENCE, jwksUrl: other.jwksUrl, roles: { operatorTenants: OPERATOR_TENANTS }, fetchTimeoutMs: 1000 }));
    try {
      const token = await other.token(claimsOf.megan);
      other.setUp(false);
      const down = await lonely.call('GET', '/v1/me', { token });
      expect(down.status).to.equal(503);
      expect(down.headers.get('retry-after')).to.equal('1');
      expect(down.body).to.include({ code: 'IdentityUnavailable' });
      other.setUp(true);
      expect((await lonely.call('GET', '/v1/me', { token })).status).to.equal(200);
    } finally {
      await lonely.close();
      await other.close();
    }
  });

  it('are checked against keys found by OpenID discovery when no JWKS URL is given', async () => {
    const discovering = await startService(bearerIdentity({ issuer: issuer.url, audience: TEST_AUDIENCE, roles: { operatorTenants: OPERATOR_TENANTS } }));
    try {
      const answer = await discovering.call('GET', '/v1/me', { token: await issuer.token(claimsOf.desk) });
      expect(answer.status, answer.text).to.equal(200);
      expect(answer.body.roles).to.deep.equal(['Support']);
    } finally {
      await discovering.close();
    }
  });

  it("of a multi-tenant issuer must name their own tenant in iss ({tenantid})", async () => {
    const template = `${issuer.url}/{tenantid}/v2.0`;
    const multi = await startService(bearerIdentity({ issuer: template, audience: TEST_AUDIENCE, jwksUrl: issuer.jwksUrl, roles: { operatorTenants: OPERATOR_TENANTS } }));
    try {
      const own = await multi.call('GET', '/v1/me', { token: await issuer.token(claimsOf.megan, { issuer: `${issuer.url}/${tenants.northwind}/v2.0` }) });
      expect(own.status, own.text).to.equal(200);
      expectRefusedToken(await multi.call('GET', '/v1/me', { token: await issuer.token(claimsOf.megan, { issuer: `${issuer.url}/${tenants.contoso}/v2.0` }) }), "the token's iss claim is not accepted");
    } finally {
      await multi.close();
    }
  });
});
