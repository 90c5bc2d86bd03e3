import { POSTGRES_VARIABLES, STORE_VARIABLE } from './address/address-source.js';
import { STORE_ADDRESS_FORMS } from './address/store-address.js';

/** The --store-file option and where the address comes from without either option, ending with `fallback`. */
export function storeFileOption(fallback: string): string {
  return `  --store-file <file>
                     A file holding the address on one line, so that its password is
                     not on the command line, where any user can list it. Without either
                     option: ${STORE_VARIABLE}, else DATABASE_URL (postgres://...), else,
                     when ${POSTGRES_VARIABLES.slice(0, -1).join(', ')} or ${POSTGRES_VARIABLES.at(-1) ?? ''} is set, postgres:// completed by
                     pg from the PG* variables and ~/.pgpass${fallback}.
                     Printed addresses never show a password.`;
}

/** How every command that reads a store is told where it is, as its help says it. */
export const STORE_OPTION = `  --store <address>  Where the log is: ${STORE_ADDRESS_FORMS}.
                     A SQLite file, or a PostgreSQL schema, must exist: the audit
                     commands never create a store.
${storeFileOption('')}`;
