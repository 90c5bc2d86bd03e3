import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { readVaultFile, type AuditTrailExport, type ReplayReport } from '@csp-onprem/cli';
import { expectOneLineFailure, runBinary, type Run } from './support/run-binary.js';

/** The tenant GUID the demo prints in the heading of a customer's software list. */
function tenantOf(demo: Run, name: string): string {
  const match = new RegExp(`^== Software list of ${name} \\([^,]+, ([0-9a-f-]{36})\\)`, 'm').exec(demo.stdout);
  expect(match, `the demo lists ${name}`).to.not.equal(null);
  return match?.[1] ?? '';
}

/** The base64 bytes of the tenant's data keys in the vault file. */
function keyBytesOf(vaultPath: string, tenantId: string): string[] {
  return Object.values(readVaultFile(vaultPath).keys)
    .filter((key) => key.tenantId === tenantId)
    .map((key) => key.key);
}

function shreddedByTenant(purchases: AuditTrailExport['purchases']): Map<string, (boolean | null)[]> {
  const byTenant = new Map<string, (boolean | null)[]>();
  for (const item of purchases) {
    const tenant = item.customer.tenantId.toLowerCase();
    byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), ...item.keys.map((key) => key.shredded)]);
  }
  return byTenant;
}

describe('csp-onprem with a development vault file, run as child processes', function () {
  this.timeout(60_000);
  let dir: string;
  let db: string;
  let vaultPath: string;
  let demo: Run;
  let contoso: string;
  let fabrikam: string;
  let vaultModeAfterDemo: number;
  let contosoKeysBefore: string[];
  let fabrikamKeysBefore: string[];
  let dbBefore: Buffer;
  let forgotten: Run;

  // One story, set up once: the demo writes the file and vault, then Contoso is forgotten; each
  // test checks one part of it, so any of them can run alone.
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-vault-cli-'));
    db = join(dir, 'demo.db');
    vaultPath = `${db}.vault.json`;
    demo = await runBinary(['demo', '--db', db]);
    contoso = tenantOf(demo, 'Contoso');
    fabrikam = tenantOf(demo, 'Fabrikam');
    vaultModeAfterDemo = statSync(vaultPath).mode & 0o777;
    contosoKeysBefore = keyBytesOf(vaultPath, contoso);
    fabrikamKeysBefore = keyBytesOf(vaultPath, fabrikam);
    dbBefore = readFileSync(db);
    forgotten = await runBinary(['forget-tenant', '--store', `sqlite:${db}`, '--tenant', contoso, '--vault', vaultPath]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the demo vault file beside the database with mode 0600 and says once where it is', () => {
    expect({ code: demo.code, stderr: demo.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(existsSync(vaultPath)).to.equal(true);
    expect(vaultModeAfterDemo).to.equal(0o600);
    const mentions = demo.stdout.split('\n').filter((line) => line.startsWith('key vault: '));
    expect(mentions).to.deep.equal([`key vault: ${vaultPath} (a development vault file, not a KMS: it keeps the data keys beside the data)`]);
    expect(contosoKeysBefore).to.have.length(1);
    expect(fabrikamKeysBefore).to.have.length(1);
  });

  it("forget-tenant --vault destroys Contoso's data key in the file, reports its keys shredded and leaves the log unchanged", async () => {
    const run = forgotten;
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.include(`engine.forgetTenant destroyed every data key of this tenant in the vault file ${vaultPath}.`);
    expect(run.stdout).to.include("The tenant's 2 purchase(s) hold 2 product key(s); 2 of them are now shredded and can never be shown again:");
    expect(run.stdout.match(/^ {2}SUB-[0-9A-F]+-CON-[12] .* sha256:[0-9a-f]{16} .* yes\s*$/gm)).to.have.length(2);
    expect(run.stdout).to.match(/^The log was not changed: verify ok, \d+ events in 3 streams\.$/m);
    expect(run.stdout).to.not.include('nothing outside this process was destroyed');
    const text = readFileSync(vaultPath, 'utf8');
    for (const bytes of contosoKeysBefore) expect(text, "Contoso's key bytes are gone").to.not.include(bytes);
    for (const bytes of fabrikamKeysBefore) expect(text, "Fabrikam's key bytes stay").to.include(bytes);
    expect(keyBytesOf(vaultPath, contoso)).to.deep.equal([]);
    expect(readVaultFile(vaultPath).destroyed).to.have.length(1);
    expect(statSync(vaultPath).mode & 0o777).to.equal(0o600);
    expect(readFileSync(db).equals(dbBefore), 'the database file is unchanged').to.equal(true);
  });

  it("export --vault reports Contoso's keys shredded: true and Fabrikam's false, in JSON and as an HTML badge", async () => {
    const json = join(dir, 'trail.json');
    const run = await runBinary(['export', '--store', db, '--format', 'json', '--out', json, '--vault', vaultPath]);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.include(`; 2 of 3 keys shredded per ${vaultPath}`);
    const trail = JSON.parse(readFileSync(json, 'utf8')) as AuditTrailExport;
    const byTenant = shreddedByTenant(trail.purchases);
    expect(byTenant.get(contoso)).to.deep.equal([true, true]);
    expect(byTenant.get(fabrikam)).to.deep.equal([false]);

    const html = join(dir, 'trail.html');
    const page = await runBinary(['export', '--store', db, '--format', 'html', '--out', html, '--vault', vaultPath]);
    expect(page.code).to.equal(0);
    expect(readFileSync(html, 'utf8').match(/<span class="badge badge-shredded">shredded<\/span>/g)).to.have.length(2);
  });

  it('export without --vault still reports every key shredded: null', async () => {
    const json = join(dir, 'unknown.json');
    const run = await runBinary(['export', '--store', db, '--format', 'json', '--out', json]);
    expect(run.code).to.equal(0);
    const trail = JSON.parse(readFileSync(json, 'utf8')) as AuditTrailExport;
    expect([...shreddedByTenant(trail.purchases).values()].flat()).to.deep.equal([null, null, null]);
  });

  it('replay --vault marks the shredded keys in JSON and in the text table', async () => {
    const json = await runBinary(['replay', '--store', db, '--as-of', '2999-01-01', '--json', '--vault', vaultPath]);
    expect(json.code).to.equal(0);
    const report = JSON.parse(json.stdout) as ReplayReport;
    const shredded = Object.fromEntries(report.customers.map((customer) => [customer.tenantId, customer.software.flatMap((item) => item.keys.map((key) => key.shredded))]));
    expect(shredded).to.deep.equal({ [contoso]: [true, true], [fabrikam]: [false] });
    const text = await runBinary(['replay', '--store', db, '--as-of', '2999-01-01', '--vault', vaultPath]);
    expect(text.stdout.match(/sha256:[0-9a-f]{16} \((valid|revoked), shredded\)/g)).to.have.length(2);
  });

  it('refuses a malformed vault file with one line on stderr, no stack trace, and leaves the file alone', async () => {
    const bad = join(dir, 'bad.vault.json');
    writeFileSync(bad, '{"format": "csp-onprem-dev-vault/1", "current": [');
    const out = join(dir, 'never.json');
    const exported = expectOneLineFailure(await runBinary(['export', '--store', db, '--format', 'json', '--out', out, '--vault', bad]), 2);
    expect(exported).to.match(new RegExp(`^csp-onprem: the vault file ${bad} is malformed: not JSON`));
    expect(existsSync(out)).to.equal(false);
    const forgot = expectOneLineFailure(await runBinary(['forget-tenant', '--store', db, '--tenant', contoso, '--vault', bad]), 2);
    expect(forgot).to.include(`the vault file ${bad} is malformed`);
    const played = expectOneLineFailure(await runBinary(['demo', '--db', join(dir, 'other.db'), '--vault', bad]), 1);
    expect(played).to.match(new RegExp(`^csp-onprem: StoreUnavailable: key vault: the vault file ${bad} is malformed`));
    expect(existsSync(join(dir, 'other.db')), 'the demo stopped before creating its database').to.equal(false);
    expect(readFileSync(bad, 'utf8')).to.equal('{"format": "csp-onprem-dev-vault/1", "current": [');
  });

  it('refuses a vault file that does not exist rather than creating one', async () => {
    const missing = join(dir, 'typo.vault.json');
    const line = expectOneLineFailure(await runBinary(['forget-tenant', '--store', db, '--tenant', contoso, '--vault', missing]), 2);
    expect(line).to.equal(`csp-onprem: the vault file ${missing} does not exist`);
    expect(existsSync(missing)).to.equal(false);
  });
});

describe('csp-onprem writing into a pipe closed early', () => {
  it('stops quietly, with no stack trace, when the reader goes away', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'csp-pipe-'));
    try {
      const bin = new URL('../dist/bin.js', import.meta.url).pathname;
      const run = spawnSync('bash', ['-c', `node ${JSON.stringify(bin)} demo --db ${JSON.stringify(join(dir, 'p.db'))} | head -n 1 >/dev/null`], { encoding: 'utf8' });
      expect(run.status).to.equal(0);
      expect(run.stderr).not.to.match(/\n\s+at /);
      expect(run.stderr).not.to.include('EPIPE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
