import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** How a test token differs from a good one. */
export interface TokenOptions {
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds from now; negative for a token that expired. */
  readonly expiresIn?: number;
  /** Seconds from now the token becomes valid. */
  readonly notBefore?: number;
  readonly kid?: string;
}

/** The audience the test service expects. */
export const TEST_AUDIENCE = 'api://csp-onprem-test';

/**
 * An identity provider for tests: an RS256 key pair, its JWKS and OpenID discovery document
 * served over HTTP on 127.0.0.1, and tokens signed as a real provider (or an attacker) would.
 */
export class TestIssuer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly jwk: JWK,
    private readonly state: { up: boolean; fetches: number },
  ) {}

  /** Starts an issuer whose `iss` is its own URL (so discovery finds it). */
  static async start(): Promise<TestIssuer> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
    const state = { up: true, fetches: 0 };
    let url = '';
    const server = createServer((request, response) => {
      state.fetches += 1;
      if (!state.up) {
        response.destroy();
        return;
      }
      if (request.url === '/.well-known/openid-configuration') {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/keys` }));
      } else if (request.url === '/keys') {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: [jwk] }));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new TestIssuer(server, url, privateKey, publicKey, jwk, state);
  }

  /** The issuer's JWKS URL. */
  get jwksUrl(): string {
    return `${this.url}/keys`;
  }

  /** How many HTTP requests reached the issuer. */
  get fetches(): number {
    return this.state.fetches;
  }

  /** Makes the issuer drop every request (its keys cannot be fetched) or serve again. */
  setUp(up: boolean): void {
    this.state.up = up;
  }

  /** A token signed with the issuer's private key. */
  async token(claims: Readonly<Record<string, unknown>>, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key-1', typ: 'JWT' })
      .setIssuer(options.issuer ?? this.url)
      .setAudience(options.audience ?? TEST_AUDIENCE)
      .setIssuedAt(now - 5)
      .setExpirationTime(now + (options.expiresIn ?? 3600));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(this.privateKey);
  }

  /** An unsecured token (`alg: none`) with good claims. */
  unsignedToken(claims: Readonly<Record<string, unknown>>): string {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, iss: this.url, aud: TEST_AUDIENCE, iat: now, exp: now + 3600 })}.`;
  }

  /** The classic confusion: HS256, keyed with the issuer's public key (which anyone can fetch). */
  async hs256WithPublicKey(claims: Readonly<Record<string, unknown>>): Promise<string> {
    const secret = new TextEncoder().encode(await exportSPKI(this.publicKey));
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1', typ: 'JWT' })
      .setIssuer(this.url)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(secret);
  }

  /** Stops serving. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
