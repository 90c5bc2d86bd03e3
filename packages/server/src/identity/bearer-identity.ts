import { checkOptions } from '@csp-onprem/engine';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { BEARER_IDENTITY_OPTIONS, ROLE_POLICY_OPTIONS } from '../server-options-shapes.js';
import type { Identity } from './identity.js';
import { jwtIdentity, TENANT_PLACEHOLDER, type JwtIdentityOptions } from './jwt-identity.js';
import { discoverJwksUrl, IDENTITY_FETCH_TIMEOUT_MS, isTrustedKeyUrl } from './oidc-discovery.js';

/** A production identity: an issuer's tokens, its keys from a JWKS URL or from OpenID discovery. */
export interface BearerIdentityOptions extends Omit<JwtIdentityOptions, 'keys'> {
  /** The issuer's key set; without it, discovered from `<issuer>/.well-known/openid-configuration`. */
  readonly jwksUrl?: string;
  /** How long fetching discovery or keys may take, in ms; default 5000. */
  readonly fetchTimeoutMs?: number;
}

/**
 * Keys fetched from a URL (cached and refreshed by jose), the URL discovered on first use when
 * not given; a failed discovery is tried again on the next request.
 */
function remoteKeys(options: BearerIdentityOptions): JWTVerifyGetKey {
  const timeoutDuration = options.fetchTimeoutMs ?? IDENTITY_FETCH_TIMEOUT_MS;
  const fromUrl = (url: URL) => createRemoteJWKSet(url, { timeoutDuration });
  if (options.jwksUrl !== undefined) {
    const url = new URL(options.jwksUrl);
    if (!isTrustedKeyUrl(url)) throw new RangeError(`the JWKS URL (jwksUrl) must be https, or http to this machine: ${url.origin}`);
    return fromUrl(url);
  }
  if (options.issuer.includes(TENANT_PLACEHOLDER)) throw new Error(`an issuer with ${TENANT_PLACEHOLDER} cannot be discovered: give the JWKS URL`);
  let keys: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    keys ??= discoverJwksUrl(options.issuer, timeoutDuration).then(fromUrl);
    const current = keys;
    try {
      return await (await current)(header, token);
    } catch (cause) {
      if (keys === current && !(await current.then(() => true, () => false))) keys = undefined;
      throw cause;
    }
  };
}

/** Verifies bearer tokens of one issuer and audience against its published keys. */
export function bearerIdentity(options: BearerIdentityOptions): Identity {
  checkOptions(options, BEARER_IDENTITY_OPTIONS, [ROLE_POLICY_OPTIONS]);
  const { jwksUrl: _jwksUrl, fetchTimeoutMs: _fetchTimeoutMs, ...verification } = options;
  return jwtIdentity({ ...verification, keys: remoteKeys(options) });
}
