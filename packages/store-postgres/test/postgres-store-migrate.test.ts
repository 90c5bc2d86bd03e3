import { expect } from 'chai';
import pg from 'pg';
import { SCHEMA_VERSION, postgresStore } from '@csp-onprem/store-postgres';
import { chainedRecords } from '@csp-onprem/testing';
import { DATABASE_URL, left, right, useTestDatabase } from './test-database.js';

describe('the PostgreSQL store schema', () => {
  const db = useTestDatabase();

  async function tablesOf(schema: string): Promise<string[]> {
    const tables = await db.admin.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    return tables.rows.map((row) => row.table_name);
  }

  /** One row per migration step applied, 1 to SCHEMA_VERSION. */
  const EVERY_VERSION = Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1);

  async function versionsOf(schema: string): Promise<number[]> {
    const rows = await db.admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_version ORDER BY version`);
    return rows.rows.map((row) => row.version);
  }

  it('creates its schema, tables and version on migrate, and migrating again twice changes nothing', async () => {
    const store = db.open('twice');
    right(await store.migrate());
    expect(await tablesOf(db.schema('twice'))).to.deep.equal(['data_keys', 'destroyed_data_keys', 'events', 'projection_checkpoints', 'projection_documents', 'schema_version']);
    const streamId = 'migrate-twice';
    right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 2)));

    right(await store.migrate());
    right(await store.migrate());
    expect(await versionsOf(db.schema('twice'))).to.deep.equal(EVERY_VERSION);
    expect(right(await store.readStream(streamId))).to.have.length(2);
  });

  it('lets a second store instance migrate the same schema and read what the first wrote', async () => {
    const first = db.open('second');
    const streamId = 'migrate-second';
    right(await first.appendToStream(streamId, 0, chainedRecords(streamId, 1)));
    const second = db.open('second');
    right(await second.migrate());
    expect(right(await second.readStream(streamId)).map((event) => event.streamId)).to.deep.equal([streamId]);
    expect(await versionsOf(db.schema('second'))).to.deep.equal(EVERY_VERSION);
  });

  it('lets several stores migrate a new schema at the same moment', async () => {
    const stores = [db.open('together'), db.open('together'), db.open('together')];
    const results = await Promise.all(stores.map((store) => store.migrate()));
    for (const result of results) right(result);
    expect(await versionsOf(db.schema('together'))).to.deep.equal(EVERY_VERSION);
  });

  it('creates the schema on first use without an explicit migrate', async () => {
    const store = db.open('first_use');
    expect(right(await store.readAll({ after: 0, limit: 10 }))).to.deep.equal([]);
    expect(await tablesOf(db.schema('first_use'))).to.include('events');
  });

  it('refuses a schema written by a newer version of the package', async () => {
    const schema = db.schema('newer');
    right(await db.open('newer').migrate());
    await db.admin.query(`INSERT INTO "${schema}".schema_version (version) VALUES ($1)`, [SCHEMA_VERSION + 1]);
    const store = db.open('newer');
    const refused = left(await store.migrate());
    expect(refused.code).to.equal('StoreUnavailable');
    expect(refused.cause).to.include(`schema version ${SCHEMA_VERSION + 1}`);
    expect(left(await store.readAll({ after: 0, limit: 1 })).cause).to.include('reads up to');
  });

  it('runs against tables a DBA created, as a role that may not create anything', async () => {
    const schema = db.schema('readonly_ddl');
    right(await db.open('readonly_ddl').migrate());
    const role = `${schema}_app`;
    await db.admin.query(`CREATE ROLE ${role} LOGIN`);
    try {
      await db.admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
      await db.admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${schema}" TO ${role}`);
      await db.admin.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA "${schema}" TO ${role}`);
      const url = new URL(DATABASE_URL);
      url.username = role;
      const store = postgresStore({ connectionString: url.toString() }, { schema });
      try {
        const streamId = 'least-privilege';
        right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 1)));
        expect(right(await store.readAll({ after: 0, limit: 10 })).map((event) => event.streamId)).to.deep.equal([streamId]);
      } finally {
        await store.close();
      }
    } finally {
      await db.admin.query(`DROP OWNED BY ${role}`);
      await db.admin.query(`DROP ROLE ${role}`);
    }
  });

  async function schemaExists(schema: string): Promise<boolean> {
    const found = await db.admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    return found.rowCount === 1;
  }

  it('with migrateOnFirstUse false, refuses every call on a schema never migrated and creates nothing', async () => {
    const store = db.open('never_migrated', { migrateOnFirstUse: false });
    const streamId = 'not-migrated';
    const refusals: Record<string, unknown> = {
      readAll: left(await store.readAll({ after: 0, limit: 1 })),
      readStream: left(await store.readStream(streamId)),
      appendToStream: left(await store.appendToStream(streamId, 0, chainedRecords(streamId, 1))),
      load: left(await store.projections.load('software-list')),
    };
    for (const [call, refused] of Object.entries(refusals)) {
      expect(refused, call).to.deep.include({ code: 'StoreUnavailable' });
      expect(String((refused as { cause?: unknown }).cause), call).to.include(`schema ${db.schema('never_migrated')} holds no csp-onprem event store`).and.include('run migrate() first');
    }
    expect(await schemaExists(db.schema('never_migrated'))).to.equal(false);
  });

  it('with migrateOnFirstUse false, works once migrate() has run, from this store or another', async () => {
    const store = db.open('migrated_later', { migrateOnFirstUse: false });
    left(await store.readAll({ after: 0, limit: 1 }));
    right(await db.open('migrated_later').migrate());
    const streamId = 'migrated-later';
    right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 2)));
    expect(right(await store.readStream(streamId))).to.have.length(2);

    const ownMigration = db.open('own_migration', { migrateOnFirstUse: false });
    right(await ownMigration.migrate());
    expect(right(await ownMigration.readAll({ after: 0, limit: 1 }))).to.deep.equal([]);
  });

  it('with migrateOnFirstUse false, refuses a schema with an older version than the package writes instead of upgrading it', async () => {
    const schema = db.schema('older');
    right(await db.open('older').migrate());
    await db.admin.query(`DELETE FROM "${schema}".schema_version WHERE version = $1`, [SCHEMA_VERSION]);
    const refused = left(await db.open('older', { migrateOnFirstUse: false }).readAll({ after: 0, limit: 1 }));
    expect(refused.code).to.equal('StoreUnavailable');
    expect(String(refused.cause)).to.include(`schema version ${SCHEMA_VERSION - 1}; run migrate() to bring it to ${SCHEMA_VERSION}`);
    expect(await versionsOf(schema)).to.deep.equal(EVERY_VERSION.slice(0, -1));
  });

  it('upgrades a schema of version 1 (no data keys) to keep data keys, leaving its events as they were', async () => {
    const schema = db.schema('version_one');
    const store = db.open('version_one');
    const streamId = 'written-by-version-one';
    right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 2)));
    await db.admin.query(`DROP TABLE "${schema}".data_keys; DROP TABLE "${schema}".destroyed_data_keys; DELETE FROM "${schema}".schema_version WHERE version > 1`);
    const upgraded = db.open('version_one');
    expect(right(await upgraded.readStream(streamId))).to.have.length(2);
    expect(await tablesOf(schema)).to.include.members(['data_keys', 'destroyed_data_keys']);
    expect(await versionsOf(schema)).to.deep.equal(EVERY_VERSION);
  });

  it('with migrateOnFirstUse false, refuses a schema that has a schema_version table of some other tool but no events table', async () => {
    const schema = db.schema('foreign');
    await db.admin.query(`CREATE SCHEMA "${schema}"`);
    await db.admin.query(`CREATE TABLE "${schema}".schema_version (version integer PRIMARY KEY)`);
    await db.admin.query(`INSERT INTO "${schema}".schema_version VALUES (1)`);
    const refused = left(await db.open('foreign', { migrateOnFirstUse: false }).readAll({ after: 0, limit: 1 }));
    expect(String(refused.cause)).to.include(`schema ${schema} holds no csp-onprem event store`);
    expect(await tablesOf(schema)).to.deep.equal(['schema_version']);
  });

  it('names itself by host, database and schema, never with the password', async () => {
    const store = postgresStore({ connectionString: 'postgres://app:s3cret-pw@db.example.com:6432/ledger' }, { schema: 'books' });
    expect(store.name).to.equal('postgres:db.example.com:6432/ledger#books');
    const pool = new pg.Pool({ host: 'pg.internal', database: 'csp', password: 'hunter2' });
    const onPool = postgresStore({ pool });
    expect(onPool.name).to.equal('postgres:pg.internal/csp#csp_onprem');
    expect(`${store.name} ${onPool.name}`).to.not.match(/s3cret|hunter2/);
    // Passwords written unencoded, which a URL parser misreads as a port, path or fragment.
    const unencoded = ['postgres://app:123/abc@db.example.com/ledger', 'postgres://app:12#ab@db.example.com:6432/ledger', 'postgres://app:p@ss@db.example.com/ledger'];
    const names = unencoded.map((connectionString) => postgresStore({ connectionString }, { schema: 'books' }));
    expect(names.map((named) => named.name)).to.deep.equal(['postgres:db.example.com/ledger#books', 'postgres:db.example.com:6432/ledger#books', 'postgres:db.example.com/ledger#books']);
    await Promise.all([store.close(), onPool.close(), ...names.map((named) => named.close())]);
    await pool.end();
  });

  it('throws a RangeError for a schema name it would have to escape', () => {
    expect(() => postgresStore({ connectionString: DATABASE_URL }, { schema: 'x"; DROP TABLE y; --' })).to.throw(RangeError, /schema must be/);
    expect(() => postgresStore({ connectionString: DATABASE_URL }, { poolSize: 0 })).to.throw(RangeError, /poolSize/);
    for (const migrateOnFirstUse of ['no', null]) {
      const notABoolean = { migrateOnFirstUse } as unknown as { migrateOnFirstUse: boolean };
      expect(() => postgresStore({ connectionString: DATABASE_URL }, notABoolean)).to.throw(RangeError, `migrateOnFirstUse must be true or false, not ${String(migrateOnFirstUse)}`);
    }
  });
});
