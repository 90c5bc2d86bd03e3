import { expect } from 'chai';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEVELOPMENT_WARNING, devIdentity } from '../src/index.js';
import { claimsOf, OPERATOR_TENANTS, tenants } from './support/cast.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type TestService } from './support/test-service.js';

describe('development identity', () => {
  let service: TestService;

  before(async () => {
    const identity = await devIdentity({
      personas: [
        { id: 'megan', label: 'Megan', claims: claimsOf.megan },
        { id: 'rogue', label: 'Eve', claims: claimsOf.rogue },
      ],
      customers: [{ name: 'Contoso', tenantId: tenants.contoso, domain: 'contoso.onmicrosoft.com' }],
      roles: { operatorTenants: OPERATOR_TENANTS },
    });
    service = await startService(identity);
  });
  after(() => service.close());

  it('serves the public half of its key pair, which verifies every persona token', async () => {
    const jwks = await service.call('GET', '/dev/jwks.json');
    expect(jwks.status).to.equal(200);
    expect(jwks.body.keys).to.have.length(1);
    expect(jwks.body.keys[0]).to.include({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' }).and.not.have.property('d');
    const personas = await service.call('GET', '/dev/personas');
    expect(personas.body.warning).to.equal(DEVELOPMENT_WARNING);
    for (const persona of personas.body.personas as { token: string }[]) {
      const { payload, protectedHeader } = await jwtVerify(persona.token, createLocalJWKSet(jwks.body), { issuer: personas.body.issuer, audience: personas.body.audience });
      expect(protectedHeader.alg).to.equal('ES256');
      expect(payload.exp).to.be.a('number');
    }
  });

  it('holds its tokens to the same rules as a real issuer: a persona that claims Support outside the operator tenants does not get it', async () => {
    const rogue = (await service.call('GET', '/dev/personas')).body.personas.find((persona: { id: string }) => persona.id === 'rogue').token as string;
    expect((await service.call('GET', '/v1/me', { token: rogue })).body.roles).to.deep.equal(['AdminAgent']);
  });

  it('does not exist outside development mode', async () => {
    const issuer = await TestIssuer.start();
    const production = await startService(testIdentity(issuer));
    try {
      expect((await production.call('GET', '/dev/personas')).status).to.equal(404);
      expect((await production.call('GET', '/dev/jwks.json')).status).to.equal(404);
    } finally {
      await production.close();
      await issuer.close();
    }
  });
});
