import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { partnerAdmin, sqlVariant, STORY_KEK, tenants, writeAuditStoryFile } from './support/audit-story.js';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';

/** The wrapped data keys the file holds, by tenant. */
function wrappedKeys(path: string): Map<string, Buffer> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT tenant_id, wrapped FROM data_keys').all() as { tenant_id: string; wrapped: Buffer }[];
    return new Map(rows.map((row) => [row.tenant_id, row.wrapped]));
  } finally {
    db.close();
  }
}

/** Which of the database's files (main, -wal, -shm) hold these bytes. */
function filesHolding(path: string, bytes: Buffer): string[] {
  return [path, `${path}-wal`, `${path}-shm`].filter((file) => {
    try {
      return readFileSync(file).includes(bytes);
    } catch {
      return false;
    }
  });
}

describe('csp-onprem forget-tenant and --help, run as child processes', function () {
  this.timeout(60_000);
  let dir: string;
  let path: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-forget-'));
    path = join(dir, 'audit.db');
    await writeAuditStoryFile(path);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("destroys the tenant's data keys in the store, so its keys are shredded and their wrapped bytes gone from every file, while the log verifies and other tenants' keys are still shown", async () => {
    const contosoKey = wrappedKeys(path).get(tenants.contoso);
    if (contosoKey === undefined) return expect.fail('the story made no data key for Contoso');
    expect(filesHolding(path, contosoKey), 'the wrapped key is in the files before').to.not.deep.equal([]);

    const run = await runBinary(['forget-tenant', '--store', path, '--tenant', tenants.contoso]);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.include("The tenant's 2 purchase(s) hold 2 product key(s); 2 of them are now shredded");
    expect(run.stdout.match(/^ {2}SUB-A[12] .* sha256:[0-9a-f]{16} .* yes +yes$|^ {2}SUB-A[12] .* sha256:[0-9a-f]{16} .* (yes|no) +yes$/gm)).to.have.length(2);
    expect(run.stdout).to.match(/^The log was not changed: verify ok, 14 events in 3 streams\.$/m);
    expect(run.stdout).to.include('rotate the key-encryption key');

    expect(wrappedKeys(path).has(tenants.contoso)).to.equal(false);
    expect(filesHolding(path, contosoKey), 'the wrapped key is in no file (main, -wal, -shm)').to.deep.equal([]);
    const engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: STORY_KEK });
    try {
      const shredded = await engine.as(partnerAdmin).execute({ type: 'GetKey', commandId: 'after-forget-1', subscriptionId: 'SUB-A1', variant: sqlVariant });
      expect(E.isLeft(shredded) && shredded.left.code).to.equal('KeyShredded');
      const kept = await engine.as(partnerAdmin).execute({ type: 'GetKey', commandId: 'after-forget-2', subscriptionId: 'SUB-B1', variant: sqlVariant });
      expect(E.isRight(kept) && kept.right.productKey).to.be.a('string');
    } finally {
      await engine.close();
    }
  });

  it('refuses a tenant that is not a GUID', async () => {
    expect(expectOneLineFailure(await runBinary(['forget-tenant', '--store', path, '--tenant', 'contoso']), 2)).to.equal(
      'csp-onprem: --tenant contoso is not a tenant GUID (try --help)',
    );
  });

  it('lists every command in csp-onprem --help and prints each command its own help', async () => {
    const general = await runBinary(['--help']);
    for (const command of ['verify', 'digest', 'replay', 'export', 'forget-tenant', 'rotate-kek', 'demo']) {
      expect(general.stdout).to.match(new RegExp(`^ {2}${command} {2,}\\S`, 'm'));
      const own = await runBinary([command, '--help']);
      expect(own.code).to.equal(0);
      expect(own.stdout).to.match(new RegExp(`^Usage: csp-onprem ${command}`));
    }
    const forget = await runBinary(['forget-tenant', '--help']);
    expect(forget.stdout).to.include('No key-encryption key is needed to destroy');
  });
});
