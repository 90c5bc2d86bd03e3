import { checkOptions } from '@csp-onprem/engine';
import * as E from 'fp-ts/lib/Either.js';
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { actorFromClaims } from './actor-from-claims.js';
import { asymmetricOnly } from './algorithms.js';
import { bearerTokenOf } from './bearer-token.js';
import type { Identity } from './identity.js';
import type { RolePolicy } from './role-policy.js';
import { tokenRefusal } from './token-refusal.js';
import { VerifiedTokens } from './verified-tokens.js';
import { JWT_IDENTITY_OPTIONS, ROLE_POLICY_OPTIONS } from '../server-options-shapes.js';

/** The placeholder a multi-tenant issuer names the token's own tenant with (Entra ID's form). */
export const TENANT_PLACEHOLDER = '{tenantid}';

/** How tokens are checked. */
export interface JwtIdentityOptions {
  /** The issuer's signing keys: `createRemoteJWKSet(url)` or `createLocalJWKSet(jwks)` from jose. */
  readonly keys: JWTVerifyGetKey;
  /**
   * The `iss` every token must carry. A multi-tenant issuer may hold `{tenantid}`, which must
   * then equal the token's own `tid` (`https://login.microsoftonline.com/{tenantid}/v2.0`).
   */
  readonly issuer: string;
  /** The `aud` every token must carry: this service's application id URI or client id. */
  readonly audience: string | readonly string[];
  /** Which roles the claims grant, and which tenants may hold them. */
  readonly roles: RolePolicy;
  /** Accepted signature algorithms; asymmetric ones only (the default is all of them). */
  readonly algorithms?: readonly string[];
  /** Clock skew allowed on `exp` and `nbf`, in seconds; default 60. */
  readonly clockToleranceSeconds?: number;
  /** The clock `exp` and `nbf` are checked against; default the system clock. */
  readonly now?: () => Date;
  /**
   * How long a token once verified is taken again without checking its signature, in seconds
   * (never past its `exp`); default 300, 0 to verify every request.
   */
  readonly cacheVerifiedSeconds?: number;
}

/**
 * An identity that verifies bearer JWTs with jose: signature against the issuer's keys
 * (asymmetric algorithms only), issuer, audience, expiry (required) and not-before; the actor
 * comes from the claims alone, by the role policy.
 */
export function jwtIdentity(options: JwtIdentityOptions): Identity {
  checkOptions(options, JWT_IDENTITY_OPTIONS, [ROLE_POLICY_OPTIONS]);
  checkOptions(options.roles, ROLE_POLICY_OPTIONS, [JWT_IDENTITY_OPTIONS]);
  const algorithms = asymmetricOnly(options.algorithms);
  const templated = options.issuer.includes(TENANT_PLACEHOLDER);
  const audience = typeof options.audience === 'string' ? options.audience : [...options.audience];
  const verified = new VerifiedTokens((options.cacheVerifiedSeconds ?? 300) * 1000);
  const now = options.now ?? (() => new Date());
  return {
    async authenticate(authorization) {
      const token = bearerTokenOf(authorization);
      if (E.isLeft(token)) return token;
      const at = now();
      const cacheKey = VerifiedTokens.keyOf(token.right);
      const known = verified.get(cacheKey, at.getTime());
      if (known !== undefined) return E.right(known);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token.right, options.keys, {
          algorithms,
          audience,
          ...(templated ? {} : { issuer: options.issuer }),
          requiredClaims: ['exp', 'iss'],
          clockTolerance: options.clockToleranceSeconds ?? 60,
          currentDate: at,
        }));
      } catch (cause) {
        return E.left(tokenRefusal(cause));
      }
      if (templated && (typeof payload['tid'] !== 'string' || payload.iss !== options.issuer.replace(TENANT_PLACEHOLDER, payload['tid']))) {
        return E.left({ kind: 'refused', reason: "the token's iss claim is not accepted" });
      }
      const actor = actorFromClaims(payload, options.roles);
      if (E.isLeft(actor)) return E.left({ kind: 'refused', reason: actor.left });
      // Only up to the expiry itself: the clock tolerance is for a skewed clock, not a longer life.
      verified.set(cacheKey, actor.right, at.getTime(), (payload.exp ?? 0) * 1000);
      return actor;
    },
  };
}
