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

  async function versionsOf(schema: string): Promise<number[]> {
    const rows = await db.admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_version ORDER BY version`);
    return rows.rows.map((row) => row.version);
  }

  it('creates its schema, tables and version on migrate, and migrating again twice changes nothing', async () => {
    const store = db.open('twice');
    right(await store.migrate());
    expect(await tablesOf(db.schema('twice'))).to.deep.equal(['events', 'projection_checkpoints', 'projection_documents', 'schema_version']);
    const streamId = 'migrate-twice';
    right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 2)));

    right(await store.migrate());
    right(await store.migrate());
    expect(await versionsOf(db.schema('twice'))).to.deep.equal([SCHEMA_VERSION]);
    expect(right(await store.readStream(streamId))).to.have.length(2);
  });

  it('lets a second store instance migrate the same schema and read what the first wrote', async () => {
    const first = db.open('second');
    const streamId = 'migrate-second';
    right(await first.appendToStream(streamId, 0, chainedRecords(streamId, 1)));
    const second = db.open('second');
    right(await second.migrate());
    expect(right(await second.readStream(streamId)).map((event) => event.streamId)).to.deep.equal([streamId]);
    expect(await versionsOf(db.schema('second'))).to.deep.equal([SCHEMA_VERSION]);
  });

  it('lets several stores migrate a new schema at the same moment', async () => {
    const stores = [db.open('together'), db.open('together'), db.open('together')];
    const results = await Promise.all(stores.map((store) => store.migrate()));
    for (const result of results) right(result);
    expect(await versionsOf(db.schema('together'))).to.deep.equal([SCHEMA_VERSION]);
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

  it('names itself by host, database and schema, never with the password', async () => {
    const store = postgresStore({ connectionString: 'postgres://app:s3cret-pw@db.example.com:6432/ledger' }, { schema: 'books' });
    expect(store.name).to.equal('postgres:db.example.com:6432/ledger#books');
    const pool = new pg.Pool({ host: 'pg.internal', database: 'csp', password: 'hunter2' });
    const onPool = postgresStore({ pool });
    expect(onPool.name).to.equal('postgres:pg.internal/csp#csp_onprem');
    expect(`${store.name} ${onPool.name}`).to.not.match(/s3cret|hunter2/);
    await Promise.all([store.close(), onPool.close()]);
    await pool.end();
  });

  it('throws a RangeError for a schema name it would have to escape', () => {
    expect(() => postgresStore({ connectionString: DATABASE_URL }, { schema: 'x"; DROP TABLE y; --' })).to.throw(RangeError, /schema must be/);
    expect(() => postgresStore({ connectionString: DATABASE_URL }, { poolSize: 0 })).to.throw(RangeError, /poolSize/);
  });
});
