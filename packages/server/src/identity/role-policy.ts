import { Role } from '@csp-onprem/domain';

/** The Entra ID role template id of Global Administrator, as a token's `wids` claim lists it. */
export const GLOBAL_ADMINISTRATOR_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

/** Roles that act for the whole service, not for one tenant: honoured only from operator tenants. */
export const OPERATOR_ROLES: readonly Role[] = [Role.Support, Role.Auditor];

/**
 * How a token's claims become roles, and which tenants may hold which. In a multi-tenant app
 * each tenant's own admins assign app roles, so a role is worth only what its tenant may grant:
 * `Support` and `Auditor` only in tokens of the operator tenants; partner roles and `GlobalAdmin`
 * act only for the token's own tenant (`tid`), which the actor's tenant always is.
 */
export interface RolePolicy {
  /** The service operator's tenants: the only ones whose `Support` and `Auditor` roles are honoured. */
  readonly operatorTenants: readonly string[];
  /**
   * The `roles` claim's values and the roles they grant. Default: each role name of DOMAIN.md
   * (`AdminAgent`, `SalesAgent`, `HelpdeskAgent`, `GlobalAdmin`, `Support`, `Auditor`) as itself.
   */
  readonly appRoles?: Readonly<Record<string, Role>>;
  /** Object ids in the `groups` claim and the roles they grant, for platforms that assign by group. */
  readonly groupRoles?: Readonly<Record<string, Role>>;
  /** Directory role template ids in the `wids` claim and the roles they grant. Default: Global Administrator grants `GlobalAdmin`. */
  readonly directoryRoles?: Readonly<Record<string, Role>>;
}

/** The default `roles` claim mapping: each role name as itself. */
export const DEFAULT_APP_ROLES: Readonly<Record<string, Role>> = Object.fromEntries(Object.values(Role).map((role) => [role, role]));

/** The default `wids` mapping: Global Administrator is `GlobalAdmin`. */
export const DEFAULT_DIRECTORY_ROLES: Readonly<Record<string, Role>> = { [GLOBAL_ADMINISTRATOR_TEMPLATE_ID]: Role.GlobalAdmin };
