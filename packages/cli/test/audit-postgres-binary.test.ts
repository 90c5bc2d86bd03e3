import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { purchaseStreamId } from '@csp-onprem/engine';
import pg from 'pg';
import { postgresStore } from '@csp-onprem/store-postgres';
import { appendMore, tenants, writeAuditStory } from './support/audit-story.js';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';

const PGURL = process.env['PGURL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('csp-onprem verify and digest on PostgreSQL, addressed as postgres://...?schema=', function () {
  this.timeout(60_000);
  const schema = `cli_audit_${randomBytes(4).toString('hex')}`;
  const address = `${PGURL}${PGURL.includes('?') ? '&' : '?'}schema=${schema}`;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-pg-'));
    const store = postgresStore({ connectionString: PGURL }, { schema });
    await writeAuditStory(store);
    await store.close();
  });

  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: PGURL });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  });

  it('verifies the log in its own schema, then accepts its digest after an append and refuses it after a deleted stream', async () => {
    const verified = await runBinary(['verify', '--store', address]);
    expect({ code: verified.code, stderr: verified.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(verified.stdout).to.match(new RegExp(`^verify postgres:.*${schema}`, 'm')).and.match(/^hash chains: ok: 14 events in 3 streams/m);

    const digestFile = join(dir, 'pg-digest.json');
    const digest = await runBinary(['digest', '--store', address, '--out', digestFile]);
    expect(digest.code, digest.stderr).to.equal(0);
    const store = postgresStore({ connectionString: PGURL }, { schema });
    await appendMore(store);
    await store.close();
    const grown = await runBinary(['verify', '--store', address, '--digest', digestFile, '--json']);
    expect(grown.code, grown.stderr).to.equal(0);
    expect(JSON.parse(grown.stdout)).to.deep.include({ ok: true }).and.nested.include({ 'chain.events': 15, 'digest.ok': true, 'digest.covers.events': 14 });

    const client = new pg.Client({ connectionString: PGURL });
    await client.connect();
    try {
      await client.query(`DELETE FROM "${schema}".events WHERE stream_id = $1`, [purchaseStreamId(tenants.partner, 'SUB-B1')]);
    } finally {
      await client.end();
    }
    const shrunk = await runBinary(['verify', '--store', address, '--digest', digestFile]);
    expect(expectOneLineFailure(shrunk, 1)).to.match(/^csp-onprem: verify failed: SUB-B1: the whole purchase is gone since your digest at position 14 \(it had 4 events, the last at position 14\)/);
  });

  it('refuses a schema that holds no event store in one line, and creates nothing there', async () => {
    const missing = `${schema}_typo`;
    const run = await runBinary(['verify', '--store', `${PGURL}${PGURL.includes('?') ? '&' : '?'}schema=${missing}`]);
    expect(expectOneLineFailure(run, 1)).to.match(/^csp-onprem: StoreUnavailable: /).and.include(`schema ${missing} holds no csp-onprem event store`);
    const client = new pg.Client({ connectionString: PGURL });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [missing]);
      expect(found.rowCount, 'the audit created the schema').to.equal(0);
    } finally {
      await client.end();
    }
  });

  it('says in one line when the server cannot be reached', async () => {
    const run = await runBinary(['verify', '--store', 'postgres://postgres:hunter2@127.0.0.1:1/test?schema=nowhere']);
    const line = expectOneLineFailure(run, 1);
    expect(line).to.match(/^csp-onprem: StoreUnavailable: /);
    expect(line).to.not.include('hunter2');
  });

  it('reads the address from DATABASE_URL, or the server and credentials from the PG* variables, instead of the command line', async () => {
    // Unset whatever of these the test run has, so that only what each case gives is read.
    const environment = { CSP_ONPREM_STORE: undefined, DATABASE_URL: undefined, PGHOST: undefined, PGPORT: undefined, PGUSER: undefined, PGPASSWORD: undefined, PGDATABASE: undefined };
    const fromUrl = await runBinary(['verify'], { ...environment, DATABASE_URL: address });
    expect({ code: fromUrl.code, stderr: fromUrl.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(fromUrl.stdout).to.match(new RegExp(`^verify postgres:.*${schema}`, 'm'));

    const server = new URL(PGURL);
    const pgVariables = {
      PGHOST: server.hostname,
      PGPORT: server.port || '5432',
      PGUSER: decodeURIComponent(server.username),
      PGDATABASE: decodeURIComponent(server.pathname.slice(1)),
      ...(server.password === '' ? {} : { PGPASSWORD: decodeURIComponent(server.password) }),
    };
    const fromVariables = await runBinary(['verify', '--json'], { ...environment, ...pgVariables, CSP_ONPREM_STORE: `postgres://?schema=${schema}` });
    expect({ code: fromVariables.code, stderr: fromVariables.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(JSON.parse(fromVariables.stdout)).to.deep.include({ ok: true });
  });
});
