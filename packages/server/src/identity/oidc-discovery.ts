/** How long a discovery or key-set request may take, in ms. */
export const IDENTITY_FETCH_TIMEOUT_MS = 5000;

/** Whether a URL may carry keys: https, or http to this machine only (development and tests). */
export function isTrustedKeyUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * The JWKS URL of an OpenID Connect issuer, read from its discovery document
 * (`<issuer>/.well-known/openid-configuration`), whose `issuer` must be the one configured.
 */
export async function discoverJwksUrl(issuer: string, fetchTimeoutMs: number = IDENTITY_FETCH_TIMEOUT_MS): Promise<URL> {
  const discovery = new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!isTrustedKeyUrl(discovery)) throw new Error(`the issuer ${discovery.origin} is not https`);
  const response = await fetch(discovery, { signal: AbortSignal.timeout(fetchTimeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
  if (response.status !== 200) throw new Error(`OpenID discovery at ${discovery.href} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) throw new Error(`OpenID discovery at ${discovery.href} names another issuer`);
  if (typeof document.jwks_uri !== 'string') throw new Error(`OpenID discovery at ${discovery.href} has no jwks_uri`);
  const jwks = new URL(document.jwks_uri);
  if (!isTrustedKeyUrl(jwks)) throw new Error(`the jwks_uri ${jwks.origin} is not https`);
  return jwks;
}
