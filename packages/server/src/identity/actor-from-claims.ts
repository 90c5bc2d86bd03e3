import { Actor, Role, TenantId } from '@csp-onprem/domain';
import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_APP_ROLES, DEFAULT_DIRECTORY_ROLES, OPERATOR_ROLES, type RolePolicy } from './role-policy.js';

/** The claims of a verified token this service reads. */
export interface IdentityClaims {
  readonly tid?: unknown;
  readonly oid?: unknown;
  readonly sub?: unknown;
  readonly roles?: unknown;
  readonly groups?: unknown;
  readonly wids?: unknown;
}

function strings(claim: unknown): string[] {
  return Array.isArray(claim) ? claim.filter((value): value is string => typeof value === 'string') : [];
}

function own<V>(map: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/**
 * Builds the actor from a verified token's claims alone: `tid` is the tenant, `oid` (else `sub`)
 * the user, roles from `roles`, `groups` and `wids` by the policy, keeping only what the token's
 * tenant may grant (see {@link RolePolicy}). Answers why, in words, when the claims make no actor.
 */
export function actorFromClaims(claims: IdentityClaims, policy: RolePolicy): E.Either<string, Actor> {
  if (!TenantId.is(claims.tid)) return E.left('the token has no tenant (a tid claim holding a tenant GUID)');
  const tenantId = claims.tid.toLowerCase();
  const userId = typeof claims.oid === 'string' && claims.oid !== '' ? claims.oid : claims.sub;
  if (typeof userId !== 'string' || userId === '') return E.left('the token names no user (an oid or sub claim)');

  const granted = new Set<Role>();
  const grant = (role: Role | undefined) => {
    if (role !== undefined) granted.add(role);
  };
  for (const value of strings(claims.roles)) grant(own(policy.appRoles ?? DEFAULT_APP_ROLES, value));
  for (const value of strings(claims.groups)) grant(own(policy.groupRoles ?? {}, value));
  for (const value of strings(claims.wids)) grant(own(policy.directoryRoles ?? DEFAULT_DIRECTORY_ROLES, value));

  const operator = policy.operatorTenants.some((tenant) => tenant.toLowerCase() === tenantId);
  if (!operator) for (const role of OPERATOR_ROLES) granted.delete(role);

  const actor = { userId, tenantId, roles: Object.values(Role).filter((role) => granted.has(role)) };
  return Actor.is(actor) ? E.right(actor) : E.left('the token\'s user id is not an identifier this service accepts (at most 200 characters, not blank)');
}
