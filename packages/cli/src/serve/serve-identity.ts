import { bearerIdentity, devIdentity, type Identity } from '@csp-onprem/server';
import { DEV_CUSTOMERS, DEV_OPERATOR_TENANT, DEV_PERSONAS } from './dev-personas.js';

/** Where `serve` learns who acts: its own development keys, or an issuer's. */
export type ServeIdentityArgs =
  | { readonly kind: 'development'; readonly operatorTenants: readonly string[] }
  | { readonly kind: 'issuer'; readonly issuer: string; readonly audience: string; readonly jwksUrl?: string; readonly operatorTenants: readonly string[] };

/** The identity a `serve` process verifies tokens with. */
export async function serveIdentity(args: ServeIdentityArgs): Promise<Identity> {
  if (args.kind === 'development') {
    return devIdentity({ personas: DEV_PERSONAS, customers: DEV_CUSTOMERS, roles: { operatorTenants: [DEV_OPERATOR_TENANT, ...args.operatorTenants] } });
  }
  return bearerIdentity({
    issuer: args.issuer,
    audience: args.audience,
    ...(args.jwksUrl === undefined ? {} : { jwksUrl: args.jwksUrl }),
    roles: { operatorTenants: args.operatorTenants },
  });
}
