import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from './codecs/actor.js';
import type { CommandType } from './commands.js';
import { ruleError, type RuleError } from './errors.js';

/** The roles this library knows; any other role string is allowed in input but grants nothing. */
export const Role = {
  AdminAgent: 'AdminAgent',
  SalesAgent: 'SalesAgent',
  HelpdeskAgent: 'HelpdeskAgent',
  GlobalAdmin: 'GlobalAdmin',
  Support: 'Support',
  Auditor: 'Auditor',
} as const;
/** A role this library knows. */
export type Role = (typeof Role)[keyof typeof Role];

/** The tenants a purchase involves, which decide who may act on it. */
export interface PurchaseParties {
  readonly partnerId: string;
  readonly customer: { readonly tenantId: string };
}

/** The roles that may ever issue each command (before looking at tenants). */
export const rolesAllowedFor: Readonly<Record<CommandType, readonly Role[]>> = {
  PurchaseSoftware: [Role.AdminAgent],
  GetKey: [Role.AdminAgent, Role.GlobalAdmin],
  DownloadSoftware: [Role.AdminAgent, Role.GlobalAdmin],
  CopyDownloadLink: [Role.AdminAgent],
  RequestCancellation: [Role.AdminAgent],
  CompleteCancellation: [Role.Support],
  RejectCancellation: [Role.Support],
};

const whoMay: Readonly<Record<CommandType, string>> = {
  PurchaseSoftware: 'an AdminAgent of the buying partner',
  GetKey: 'an AdminAgent of the selling partner or a GlobalAdmin of the customer tenant',
  DownloadSoftware: 'an AdminAgent of the selling partner or a GlobalAdmin of the customer tenant',
  CopyDownloadLink: 'an AdminAgent of the selling partner',
  RequestCancellation: 'an AdminAgent of the selling partner',
  CompleteCancellation: 'Support',
  RejectCancellation: 'Support',
};

function forbidden(type: CommandType, actor: Actor, why: string): RuleError {
  const roles = actor.roles.length > 0 ? actor.roles.join(', ') : 'no role';
  return ruleError('Forbidden', `${actor.userId} (${roles}) may not ${type}: only ${whoMay[type]} may${why}`);
}

/** Refuses at once an actor none of whose roles could ever issue the command. */
export function authorizeRole(type: CommandType, actor: Actor): E.Either<RuleError, Role> {
  const role = rolesAllowedFor[type].find((r) => actor.roles.includes(r));
  return role === undefined ? E.left(forbidden(type, actor, '')) : E.right(role);
}

/**
 * Decides which of the actor's roles authorizes the command on this purchase, taking
 * tenants into account: a partner acts only for its own sales, a customer only in its own tenant.
 * For `PurchaseSoftware`, `parties` is the purchase being made.
 */
export function authorizeCommand(
  type: CommandType,
  actor: Actor,
  parties: PurchaseParties,
): E.Either<RuleError, Role> {
  for (const role of rolesAllowedFor[type]) {
    if (!actor.roles.includes(role)) continue;
    if (role === Role.AdminAgent && actor.tenantId === parties.partnerId) return E.right(role);
    if (role === Role.GlobalAdmin && actor.tenantId === parties.customer.tenantId) return E.right(role);
    if (role === Role.Support) return E.right(role);
  }
  const holdsRole = rolesAllowedFor[type].some((r) => actor.roles.includes(r));
  return E.left(forbidden(type, actor, holdsRole ? `, and tenant ${actor.tenantId} is not a party to this purchase` : ''));
}

/** What a reader may see of a customer's purchases. */
export type ReadScope = { readonly kind: 'all' } | { readonly kind: 'partner'; readonly partnerId: string } | { readonly kind: 'none'; readonly why: string };

/**
 * Who may read the software list, eligibility and audit trail of a customer's purchases:
 * Support and Auditor see everything, an AdminAgent sees what its tenant sold,
 * a GlobalAdmin sees its own tenant's purchases.
 */
export function readScope(actor: Actor, customerTenantId: string | undefined): ReadScope {
  if (actor.roles.includes(Role.Support) || actor.roles.includes(Role.Auditor)) return { kind: 'all' };
  if (actor.roles.includes(Role.GlobalAdmin) && customerTenantId !== undefined && actor.tenantId === customerTenantId) {
    return { kind: 'all' };
  }
  if (actor.roles.includes(Role.AdminAgent)) return { kind: 'partner', partnerId: actor.tenantId };
  return {
    kind: 'none',
    why: `${actor.userId} may not read this: only an AdminAgent of the selling partner, a GlobalAdmin of the customer tenant, Support or an Auditor may`,
  };
}
