// Builds a PostgreSQL store where the pg package is not installed: prints the error's name,
// code and message as one JSON line.
import { postgresStore } from '@csp-onprem/store-postgres';

try {
  postgresStore({ connectionString: 'postgres://app@127.0.0.1:5432/ledger' });
  console.log(JSON.stringify({ built: true }));
} catch (error) {
  console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message }));
}
