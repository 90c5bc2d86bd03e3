import * as t from 'io-ts';
import { constrained } from './constrained.js';
import { Identifier, TenantId } from './primitives.js';

/** Who issues a command or asks a query: a user of a tenant with its roles. */
export const Actor = t.exact(
  t.type({
    userId: Identifier,
    tenantId: TenantId,
    roles: constrained(t.array(Identifier), (roles) => roles.length <= 50, 'list of at most 50 roles'),
  }),
  'Actor',
);
/** Who issues a command or asks a query: a user of a tenant with its roles. */
export type Actor = t.TypeOf<typeof Actor>;
