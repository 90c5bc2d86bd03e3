import { checkOptions } from '@csp-onprem/engine';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import type { Identity } from './identity.js';
import { jwtIdentity } from './jwt-identity.js';
import type { RolePolicy } from './role-policy.js';
import { DEV_IDENTITY_OPTIONS, ROLE_POLICY_OPTIONS } from '../server-options-shapes.js';

/** A person of the development story and the claims a token of theirs carries. */
export interface DevPersona {
  /** A short id, such as `partner-admin`. */
  readonly id: string;
  /** What the persona switcher shows, such as `Megan, Northwind partner (AdminAgent)`. */
  readonly label: string;
  /** The token's claims: `tid`, `sub` or `oid`, and `roles`, `wids` or `groups`. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** A customer the development story knows, for the portal to offer. */
export interface DevCustomer {
  readonly name: string;
  readonly tenantId: string;
  readonly domain: string;
}

/** A persona with a ready-made token. */
export interface PersonaToken {
  readonly id: string;
  readonly label: string;
  readonly token: string;
  readonly expiresAt: string;
}

/** What development mode serves besides the API: its key set, and a token per persona. */
export interface DevelopmentIdentity {
  readonly issuer: string;
  readonly audience: string;
  /** The public half of the key pair generated for this process. */
  readonly jwks: JSONWebKeySet;
  readonly personas: readonly PersonaToken[];
  readonly customers: readonly DevCustomer[];
  /** Signs a token with this process's development key; for tests and tools. */
  sign(claims: Readonly<Record<string, unknown>>, expiresInSeconds?: number): Promise<string>;
}

/** How development mode is set up. */
export interface DevIdentityOptions {
  /** Default `urn:csp-onprem:dev`. */
  readonly issuer?: string;
  /** Default `api://csp-onprem-dev`. */
  readonly audience?: string;
  readonly personas: readonly DevPersona[];
  readonly customers?: readonly DevCustomer[];
  readonly roles: RolePolicy;
  /** How long the ready-made tokens last, in seconds; default 12 hours. */
  readonly tokenLifetimeSeconds?: number;
}

/** The banner development mode is printed under, everywhere it shows. */
export const DEVELOPMENT_WARNING = 'DEVELOPMENT IDENTITY: NOT FOR PRODUCTION. Tokens are signed by a key generated in this process and anyone who can reach the service can fetch them.';

/**
 * Development mode: a key pair generated in memory (ES256), its public half served as a JWKS,
 * and a token per persona, verified exactly as a real issuer's would be. Never for production:
 * anyone who can reach the service can take the tokens.
 */
export async function devIdentity(options: DevIdentityOptions): Promise<Identity & { readonly development: DevelopmentIdentity }> {
  checkOptions(options, DEV_IDENTITY_OPTIONS, [ROLE_POLICY_OPTIONS]);
  const issuer = options.issuer ?? 'urn:csp-onprem:dev';
  const audience = options.audience ?? 'api://csp-onprem-dev';
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] };
  const lifetime = options.tokenLifetimeSeconds ?? 12 * 3600;

  const sign = (claims: Readonly<Record<string, unknown>>, expiresInSeconds = lifetime) =>
    new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(privateKey);

  const expiresAt = new Date(Date.now() + lifetime * 1000).toISOString();
  const personas = await Promise.all(options.personas.map(async (persona) => ({ id: persona.id, label: persona.label, token: await sign(persona.claims), expiresAt })));
  const verifier = jwtIdentity({ keys: createLocalJWKSet(jwks), issuer, audience, roles: options.roles, algorithms: ['ES256'] });
  return {
    authenticate: (authorization) => verifier.authenticate(authorization),
    development: { issuer, audience, jwks, personas, customers: options.customers ?? [], sign },
  };
}
