import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { tenants, writeAuditStory } from './support/audit-story.js';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';

describe('csp-onprem forget-tenant and --help, run as child processes', function () {
  this.timeout(60_000);
  let dir: string;
  let path: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-forget-'));
    path = join(dir, 'audit.db');
    const store = sqliteStore({ path });
    await writeAuditStory(store);
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs engine.forgetTenant, lists the tenant's keys by fingerprint, shows the log still verifies and says no outside vault was touched", async () => {
    const before = readFileSync(path);
    const run = await runBinary(['forget-tenant', '--store', path, '--tenant', tenants.contoso]);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.include("The tenant's 2 purchase(s) hold 2 product key(s)");
    expect(run.stdout.match(/^ {2}SUB-A[12] .* sha256:[0-9a-f]{16} /gm)).to.have.length(2);
    expect(run.stdout).to.match(/^The log was not changed: verify ok, 14 events in 3 streams\.$/m);
    expect(run.stdout).to.include('nothing outside this process was destroyed').and.include('engine.forgetTenant(tenantId) with its KMS-backed KeyVault');
    expect(readFileSync(path).equals(before), 'the database file is unchanged').to.equal(true);
  });

  it('refuses a tenant that is not a GUID', async () => {
    expect(expectOneLineFailure(await runBinary(['forget-tenant', '--store', path, '--tenant', 'contoso']), 2)).to.equal(
      'csp-onprem: --tenant contoso is not a tenant GUID (try --help)',
    );
  });

  it('lists every command in csp-onprem --help and prints each command its own help', async () => {
    const general = await runBinary(['--help']);
    for (const command of ['verify', 'digest', 'replay', 'export', 'forget-tenant', 'demo']) {
      expect(general.stdout).to.match(new RegExp(`^ {2}${command} {2,}\\S`, 'm'));
      const own = await runBinary([command, '--help']);
      expect(own.code).to.equal(0);
      expect(own.stdout).to.match(new RegExp(`^Usage: csp-onprem ${command}`));
    }
    const forget = await runBinary(['forget-tenant', '--help']);
    expect(forget.stdout).to.include('can only destroy keys in a vault it can reach');
  });
});
