import type { EventStore } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { describeEventStoreContract } from '@csp-onprem/testing';
import { DATABASE_URL, useTestDatabase } from './test-database.js';

describe('the PostgreSQL store against the EventStore contract', () => {
  const db = useTestDatabase();

  // Every test opens a new store (a new pool) on the same schema, which therefore holds
  // earlier tests' events, as the contract allows; reopening is a new store on that schema.
  const open = async (): Promise<EventStore> => postgresStore({ connectionString: DATABASE_URL }, { schema: db.schema('contract'), poolSize: 4 });
  describeEventStoreContract('PostgreSQL (one schema, a new pool per test)', open, { reopen: open, projectionState: true });
});
