import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createLocalJWKSet } from 'jose';
import { jwtIdentity } from '../src/index.js';
import { claimsOf, OPERATOR_TENANTS } from './support/cast.js';
import { TEST_AUDIENCE, TestIssuer } from './support/test-issuer.js';

describe('a token verified once', () => {
  let issuer: TestIssuer;
  before(async () => {
    issuer = await TestIssuer.start();
  });
  after(() => issuer.close());

  const lookups = { count: 0 };

  function identityAt(clock: { now: number }, cacheVerifiedSeconds?: number) {
    const keys = createLocalJWKSet({ keys: [issuer.jwk] });
    return jwtIdentity({
      keys: (header, token) => {
        lookups.count += 1;
        return keys(header, token);
      },
      issuer: issuer.url,
      audience: TEST_AUDIENCE,
      roles: { operatorTenants: OPERATOR_TENANTS },
      now: () => new Date(clock.now),
      ...(cacheVerifiedSeconds === undefined ? {} : { cacheVerifiedSeconds }),
    });
  }

  it('is taken again without its signature checked until it expires, then checked, and refused past the clock tolerance', async () => {
    const clock = { now: Date.now() };
    const identity = identityAt(clock);
    const token = await issuer.token(claimsOf.megan, { expiresIn: 120 });
    lookups.count = 0;
    expect(E.isRight(await identity.authenticate(`Bearer ${token}`))).to.equal(true);
    clock.now += 119_000;
    expect(E.isRight(await identity.authenticate(`Bearer ${token}`))).to.equal(true);
    expect(lookups.count).to.equal(1);
    clock.now += 2_000;
    // Past exp, though within jose's clock tolerance: the cache does not extend a token's life.
    const late = await identity.authenticate(`Bearer ${token}`);
    expect(E.isRight(late)).to.equal(true, 'within the 60 s tolerance the signature check itself still accepts it');
    expect(lookups.count).to.equal(2);
    clock.now += 60_000;
    expect(await identity.authenticate(`Bearer ${token}`)).to.deep.equal(E.left({ kind: 'refused', reason: 'the token has expired' }));
  });

  it('is checked again after the cache bound, and every time with the cache off', async () => {
    const clock = { now: Date.now() };
    const token = await issuer.token(claimsOf.megan, { expiresIn: 3600 });
    for (const identity of [identityAt(clock, 1), identityAt(clock, 0)]) {
      lookups.count = 0;
      expect(E.isRight(await identity.authenticate(`Bearer ${token}`))).to.equal(true);
      clock.now += 1500;
      expect(E.isRight(await identity.authenticate(`Bearer ${token}`))).to.equal(true);
      expect(lookups.count).to.equal(2);
    }
  });

  it('does not make a token that differs by one character acceptable', async () => {
    const clock = { now: Date.now() };
    const identity = identityAt(clock);
    const token = await issuer.token(claimsOf.megan);
    await identity.authenticate(`Bearer ${token}`);
    const forged = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}${token.slice(-1)}`;
    expect(E.isLeft(await identity.authenticate(`Bearer ${forged}`))).to.equal(true);
  });
});
