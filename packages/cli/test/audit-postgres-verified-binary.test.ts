import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import type { Verification } from '@csp-onprem/cli';
import { canonicalJson, createEngine, purchaseStreamId, recordHash } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { STORY_KEK, appendMore, appendPurchases, tenants, writeAuditStory } from './support/audit-story.js';
import { ed25519KeyFiles, type KeyFiles } from './support/key-files.js';
import { expectOneLineFailure, runBinary, expectSuccess } from './support/run-binary.js';

const PGURL = process.env['PGURL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

async function withClient<A>(work: (client: pg.Client) => Promise<A>): Promise<A> {
  const client = new pg.Client({ connectionString: PGURL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface Row {
  position: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: string;
  meta: string;
  prev_hash: string;
}

/** Rewrites a purchase's Purchased event in PostgreSQL with every hash of its stream recomputed, as an adversary with write access does. */
async function rewritePurchase(client: pg.Client, schema: string, streamId: string, quantity: number): Promise<void> {
  await client.query('BEGIN');
  const rows = (await client.query<Row>(`SELECT position, event_id, stream_id, version, type, data, meta, prev_hash FROM "${schema}".events WHERE stream_id = $1 ORDER BY version`, [streamId])).rows;
  let prevHash = rows[0]?.prev_hash ?? '';
  for (const row of rows) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    if (row.version === 1) data['quantity'] = quantity;
    const meta = JSON.parse(row.meta) as Record<string, unknown>;
    const hash = recordHash({ eventId: row.event_id, streamId: row.stream_id, version: row.version, type: row.type, data, meta, prevHash });
    await client.query(`UPDATE "${schema}".events SET data = $1, prev_hash = $2, hash = $3 WHERE stream_id = $4 AND version = $5`, [canonicalJson(data), prevHash, hash, row.stream_id, row.version]);
    prevHash = hash;
  }
  await client.query('COMMIT');
}

describe('verified audits on PostgreSQL, addressed as postgres://...?schema=, as child processes', function () {
  this.timeout(180_000);
  const schema = `cli_verified_${randomBytes(4).toString('hex')}`;
  const address = `${PGURL}${PGURL.includes('?') ? '&' : '?'}schema=${schema}`;
  let dir: string;
  let key: KeyFiles;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-pg-verified-'));
    key = ed25519KeyFiles(dir, 'auditor');
    const store = postgresStore({ connectionString: PGURL }, { schema });
    await writeAuditStory(store);
    await store.close();
  });

  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('signs a digest, proves the log only grew after an append, and names the purchase rewritten since with its chain recomputed', async () => {
    const older = join(dir, 'older.json');
    const newer = join(dir, 'newer.json');
    expectSuccess(await runBinary(['digest', '--store', address, '--sign', key.privateKey, '--out', older]));
    const store = postgresStore({ connectionString: PGURL }, { schema });
    await appendMore(store);
    await store.close();
    expectSuccess(await runBinary(['digest', '--store', address, '--sign', key.privateKey, '--out', newer]));
    expect(expectSuccess(await runBinary(['verify', '--store', address, '--digest', older, '--public-key', key.publicKey]))).to.match(/^verify: ok$/m);
    const proof = join(dir, 'grew.json');
    expectSuccess(await runBinary(['consistency', '--from', older, '--to', newer, '--store', address, '--out', proof]));
    expect(expectSuccess(await runBinary(['consistency', '--check', proof, '--public-key', key.publicKey]))).to.match(/^consistency: ok: .*: 1 event appended, none removed, changed or moved$/m);

    await withClient((client) => rewritePurchase(client, schema, purchaseStreamId(tenants.partner, 'SUB-A2'), 20));
    expect(expectSuccess(await runBinary(['verify', '--store', address])), 'the chains alone hold').to.match(/^verify: ok$/m);
    const run = await runBinary(['verify', '--store', address, '--digest', newer, '--public-key', key.publicKey]);
    expect(expectOneLineFailure(run, 1)).to.match(/^csp-onprem: verify failed: SUB-A2 \(order ORD-A, contoso\.example\): its history was rewritten since your digest of .*, position 15/);
    expect(expectOneLineFailure(await runBinary(['consistency', '--from', older, '--to', newer, '--store', address]), 1)).to.include('no consistency proof: the log\'s first 15 events no longer match');
    // Put it back, for the tests that follow.
    await withClient((client) => rewritePurchase(client, schema, purchaseStreamId(tenants.partner, 'SUB-A2'), 2));
    expect(expectSuccess(await runBinary(['verify', '--store', address, '--digest', newer, '--public-key', key.publicKey]))).to.match(/^verify: ok$/m);
  });

  it('reports a saved read model edited in the schema, and the engine refuses to list the purchase with it', async () => {
    const engine = createEngine({ store: postgresStore({ connectionString: PGURL }, { schema }), keyEncryptionKey: STORY_KEK });
    expect(E.isRight(await engine.catchUp())).to.equal(true);
    await engine.close();
    const stream = purchaseStreamId(tenants.partner, 'SUB-A1');
    await withClient((client) =>
      client.query(`UPDATE "${schema}".projection_documents SET doc = jsonb_set(doc::jsonb, '{partnerId}', '"55555555-5555-4555-8555-555555555555"')::text WHERE name = 'software-list' AND key = $1`, [stream]),
    );
    const run = await runBinary(['verify', '--store', address]);
    expect(expectOneLineFailure(run, 1)).to.equal('csp-onprem: verify failed: SUB-A1 (order ORD-A, contoso.example): the saved software-list read model says otherwise than the log in partnerId');
    const reader = createEngine({ store: postgresStore({ connectionString: PGURL }, { schema }), keyEncryptionKey: STORY_KEK });
    const list = await reader.as({ userId: 'eve@elsewhere.example', tenantId: '55555555-5555-4555-8555-555555555555', roles: ['AdminAgent'] }).softwareList(tenants.contoso);
    const report = await reader.verify();
    await reader.close();
    expect(E.isLeft(list) && list.left.code).to.equal('ReadModelMismatch');
    expect(E.isRight(report) && report.right.readModels?.differences.map((d) => d.fields)).to.deep.equal([['partnerId']]);
    await withClient((client) => client.query(`DELETE FROM "${schema}".projection_documents; DELETE FROM "${schema}".projection_checkpoints`));
  });

  it('writes no export of an edited row, and with --allow-unverified writes it stamped', async () => {
    await withClient((client) => client.query(`UPDATE "${schema}".events SET data = replace(data, '"quantity":2', '"quantity":20') WHERE type = 'Purchased' AND stream_id = $1`, [purchaseStreamId(tenants.partner, 'SUB-B1')]));
    const file = join(dir, 'edited.json');
    expect(expectOneLineFailure(await runBinary(['export', '--store', address, '--format', 'json', '--out', file]), 1)).to.match(
      /^csp-onprem: nothing was written: the log does not verify: SUB-B1 \(order ORD-B, fabrikam\.example\): an event was changed after it was written \(version 1, position 11\)/,
    );
    expect(existsSync(file)).to.equal(false);
    expect((await runBinary(['export', '--store', address, '--format', 'json', '--out', file, '--allow-unverified'])).code).to.equal(1);
    const stamped = JSON.parse(readFileSync(file, 'utf8')) as { verification: Verification };
    expect(stamped.verification.verified).to.equal(false);
    expect(stamped.verification.failures[0]).to.match(/^SUB-B1 /);
    await withClient((client) => client.query(`UPDATE "${schema}".events SET data = replace(data, '"quantity":20', '"quantity":2') WHERE type = 'Purchased' AND stream_id = $1`, [purchaseStreamId(tenants.partner, 'SUB-B1')]));
  });

  it('makes an export child process write nothing while another client keeps rewriting a purchase it already read', async () => {
    const store = postgresStore({ connectionString: PGURL }, { schema });
    await appendPurchases(store, 1500);
    await store.close();
    expectSuccess(await runBinary(['verify', '--store', address]));
    const file = join(dir, 'busy.json');
    const exported = new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'export', '--store', address, '--format', 'json', '--out', file], { timeout: 120_000 }, (error, _stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stderr });
      });
    });
    let quantity = 2;
    let finished = false;
    const writer = withClient(async (client) => {
      while (!finished) await rewritePurchase(client, schema, purchaseStreamId(tenants.partner, 'SUB-A1'), (quantity += 1));
    });
    const run = await exported;
    finished = true;
    await writer;
    expect(quantity, 'the writer ran meanwhile').to.be.greaterThan(3);
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.match(/^csp-onprem: nothing was written: the log does not verify: the store changed while it was being read: /);
    expect(existsSync(file)).to.equal(false);
  });
});
