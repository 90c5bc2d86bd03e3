import { requirePeer } from '@csp-onprem/engine';
import type * as Pg from 'pg';

/**
 * The `pg` package, loaded when a store first builds its own pool: `pg` is a peer dependency
 * (a pool you pass in must come from the same `pg`), so when it is missing `postgresStore`
 * throws `MissingPeerDependencyError` naming `npm install pg`, rather than the import failing.
 */
export function loadPg(): typeof Pg {
  return requirePeer<typeof Pg>(import.meta.url, 'pg', '@csp-onprem/store-postgres');
}
