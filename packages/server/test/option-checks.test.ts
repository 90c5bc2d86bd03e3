import { expect } from 'chai';
import { createEngine, inMemoryStore, type Engine } from '@csp-onprem/engine';
import { createLocalJWKSet } from 'jose';
import { bearerIdentity, createServer, devIdentity, jwtIdentity, type Identity } from '../src/index.js';
import { OPERATOR_TENANTS } from './support/cast.js';

const roles = { operatorTenants: OPERATOR_TENANTS };
const verification = { issuer: 'https://issuer.example', audience: 'api://csp-onprem', roles };
const noKeys = createLocalJWKSet({ keys: [] });

/** The message a call throws, or fails when it throws nothing. */
function refusal(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).to.be.instanceOf(RangeError);
    return (error as RangeError).message;
  }
  throw new Error('expected a RangeError');
}

describe('the server refuses options it does not take, instead of ignoring them', () => {
  let engine: Engine;
  let identity: Identity;
  beforeEach(() => {
    engine = createEngine({ store: inMemoryStore() });
    identity = jwtIdentity({ ...verification, keys: noKeys });
  });
  afterEach(() => engine.close());

  it('createServer names a misspelt option and the one it most likely meant', () => {
    const options = { engine, identity, bodyLimt: 1024 } as unknown as Parameters<typeof createServer>[0];
    expect(refusal(() => createServer(options))).to.match(/^createServer's options: unknown key bodyLimt \(did you mean bodyLimit\?\)\. Known keys: engine, identity, /);
  });

  it('createServer says where a log setting given at the top level belongs', () => {
    const options = { engine, identity, level: 'debug' } as unknown as Parameters<typeof createServer>[0];
    expect(refusal(() => createServer(options))).to.include("unknown key level, which belongs in createServer's log option");
  });

  it('createServer refuses a misspelt key inside the log option', () => {
    const options = { engine, identity, log: { levle: 'debug' } } as unknown as Parameters<typeof createServer>[0];
    expect(refusal(() => createServer(options))).to.match(/^createServer's log option: unknown key levle \(did you mean level\?\)/);
  });

  it('jwtIdentity refuses a misspelt option and a role mapping put beside the role policy rather than in it', () => {
    expect(refusal(() => jwtIdentity({ ...verification, keys: noKeys, audiance: 'x' } as unknown as Parameters<typeof jwtIdentity>[0]))).to.include('unknown key audiance (did you mean audience?)');
    expect(refusal(() => jwtIdentity({ ...verification, keys: noKeys, appRoles: {} } as unknown as Parameters<typeof jwtIdentity>[0]))).to.include('unknown key appRoles, which belongs in the role policy (the roles option)');
  });

  it('jwtIdentity refuses a misspelt key in the role policy', () => {
    const options = { ...verification, keys: noKeys, roles: { operatorTenant: OPERATOR_TENANTS } } as unknown as Parameters<typeof jwtIdentity>[0];
    expect(refusal(() => jwtIdentity(options))).to.match(/^the role policy \(the roles option\): unknown key operatorTenant \(did you mean operatorTenants\?\)/);
  });

  it('bearerIdentity takes its own jwksUrl and fetchTimeoutMs, and refuses a misspelt one', () => {
    expect(() => bearerIdentity({ ...verification, jwksUrl: 'https://issuer.example/keys', fetchTimeoutMs: 1000 })).not.to.throw();
    expect(refusal(() => bearerIdentity({ ...verification, jwksURL: 'https://issuer.example/keys' } as unknown as Parameters<typeof bearerIdentity>[0]))).to.include('unknown key jwksURL (did you mean jwksUrl?)');
  });

  it('bearerIdentity refuses a JWKS URL over plain http to another machine, naming the option', () => {
    expect(refusal(() => bearerIdentity({ ...verification, jwksUrl: 'http://issuer.example/keys' }))).to.equal('the JWKS URL (jwksUrl) must be https, or http to this machine: http://issuer.example');
    expect(() => bearerIdentity({ ...verification, jwksUrl: 'http://127.0.0.1:8080/keys' })).not.to.throw();
  });

  it('devIdentity refuses a misspelt option before generating its key pair', async () => {
    const options = { personas: [], roles, tokenLifetimeSecond: 60 } as unknown as Parameters<typeof devIdentity>[0];
    let message = '';
    await devIdentity(options).catch((error: unknown) => {
      message = (error as Error).message;
    });
    expect(message).to.include("devIdentity's options: unknown key tokenLifetimeSecond (did you mean tokenLifetimeSeconds?)");
  });
});
