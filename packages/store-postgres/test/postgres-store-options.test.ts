import { expect } from 'chai';
import pg from 'pg';
import { postgresStore } from '@csp-onprem/store-postgres';

// Nothing connects while a store is built, so none of these needs a server.
const ADDRESS = 'postgres://app:s3cret@db.invalid:5432/ledger';

describe('the PostgreSQL store arguments', () => {
  it('refuses a schema given with the connection string, where it would have been ignored, saying it belongs in the second argument', () => {
    expect(() => postgresStore({ connectionString: ADDRESS, schema: 'tenant_a' } as never)).to.throw(
      RangeError,
      "postgresStore's connection (first argument): unknown key schema, which belongs in postgresStore's options (second argument). Known keys: connectionString, pool.",
    );
  });

  it('refuses a connection setting given with the options, saying it belongs in the first argument', () => {
    expect(() => postgresStore({ connectionString: ADDRESS }, { schema: 'tenant_a', connectionString: ADDRESS } as never)).to.throw(
      RangeError,
      "postgresStore's options (second argument): unknown key connectionString, which belongs in postgresStore's connection (first argument).",
    );
  });

  it('refuses a misspelt option, naming the one it most likely meant', () => {
    expect(() => postgresStore({ connectionString: ADDRESS }, { migrateOnFirstuse: false } as never)).to.throw(RangeError, 'unknown key migrateOnFirstuse (did you mean migrateOnFirstUse?)');
  });

  it('takes a connection string or a pool, never both or neither', async () => {
    const pool = new pg.Pool({ connectionString: ADDRESS });
    try {
      expect(() => postgresStore({ connectionString: ADDRESS, pool } as never)).to.throw(RangeError, "postgresStore's connection (first argument) takes either connectionString or pool, not both");
      expect(() => postgresStore({} as never)).to.throw(RangeError, 'takes either connectionString or pool, and has neither');
      expect(() => postgresStore(undefined as never)).to.throw(RangeError, "postgresStore's connection (first argument) must be { connectionString } or { pool }");
      await postgresStore({ pool, connectionString: undefined } as never).close();
      await postgresStore({ connectionString: ADDRESS }, { schema: 'tenant_a', migrateOnFirstUse: false, statementTimeoutMs: 1, poolSize: 1, connectionTimeoutMs: 1 }).close();
    } finally {
      await pool.end();
    }
  });

  it('takes a held-back wait of 0 or more milliseconds, and refuses a negative or fractional one by name', async () => {
    await postgresStore({ connectionString: ADDRESS }, { heldBackWaitMs: 0 }).close();
    for (const heldBackWaitMs of [-1, 1.5, Number.NaN]) {
      expect(() => postgresStore({ connectionString: ADDRESS }, { heldBackWaitMs })).to.throw(RangeError, `heldBackWaitMs must be an integer >= 0, not ${String(heldBackWaitMs)}`);
    }
    expect(() => postgresStore({ connectionString: ADDRESS }, { poolSize: 0 })).to.throw(RangeError, 'poolSize must be an integer >= 1, not 0');
  });

  it('never puts the password in these messages', () => {
    try {
      postgresStore({ connectionString: ADDRESS, password: 's3cret' } as never);
      expect.fail('the store was built');
    } catch (cause) {
      expect((cause as Error).message).to.contain('unknown key password').and.not.contain('s3cret');
    }
  });
});
