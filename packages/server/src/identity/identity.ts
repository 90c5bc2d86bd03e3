import type { Actor } from '@csp-onprem/domain';
import type * as E from 'fp-ts/lib/Either.js';
import type { DevelopmentIdentity } from './dev-identity.js';

/** Why a request has no actor: no token, a token refused (401), or keys that could not be fetched (503). */
export type IdentityFailure =
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'unavailable'; readonly reason: string; /** For the service's log only. */ readonly detail?: string };

/** How the service learns who acts: from a verified bearer token, never from a body. */
export interface Identity {
  /** Verifies the `Authorization` header's bearer token and builds the actor from its claims alone. */
  authenticate(authorization: string | undefined): Promise<E.Either<IdentityFailure, Actor>>;
  /** In development mode only: the service's own signing keys and ready-made tokens. */
  readonly development?: DevelopmentIdentity;
}
