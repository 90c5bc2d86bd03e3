import { postgresStore } from '@csp-onprem/store-postgres';
import { describeDataKeyStoreContract } from '@csp-onprem/testing';
import { DATABASE_URL, useTestDatabase } from './test-database.js';

describe("the PostgreSQL store's data keys against the DataKeyStore contract", () => {
  const db = useTestDatabase();

  // A new store (a new pool) on one schema per test run; every test uses fresh tenants.
  const open = async () => {
    const store = postgresStore({ connectionString: DATABASE_URL }, { schema: db.schema('data_keys'), poolSize: 4 });
    return { dataKeys: store.dataKeys, close: () => store.close() };
  };
  describeDataKeyStoreContract('PostgreSQL (one schema, a new pool per test)', open, { openAgain: open });
});
