import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { purchaseStreamId } from '@csp-onprem/engine';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const FULL_TEST_KEY = /TEST(-[A-Z0-9]{5}){5}/;
/** The demo's partner, Northwind. */
const NORTHWIND = '11111111-1111-4111-8111-111111111111';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runBinary(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function runIdOf(run: Run): string {
  const match = /^csp-onprem demo: run ([0-9A-F]+) on sqlite:/m.exec(run.stdout);
  expect(match, 'the header names the run').to.not.equal(null);
  return match?.[1] ?? '';
}

function verifyLine(run: Run): { events: number; streams: number } {
  const match = /^verify: ok {2}events=(\d+) {2}streams=(\d+)/m.exec(run.stdout);
  expect(match, 'verify reports ok').to.not.equal(null);
  return { events: Number(match?.[1]), streams: Number(match?.[2]) };
}

/** The lines of one `== title ==` section, up to the next heading. */
function section(run: Run, titleStart: string): string[] {
  const lines = run.stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`== ${titleStart}`));
  expect(start, `section ${titleStart}`).to.be.greaterThan(-1);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('== '));
  return lines.slice(start + 1, end === -1 ? undefined : end).filter((line) => line.trim() !== '');
}

function rowOf(lines: readonly string[], subscriptionId: string): string {
  const row = lines.find((line) => line.includes(subscriptionId));
  expect(row, `a row for ${subscriptionId}`).to.be.a('string');
  return row ?? '';
}

describe('csp-onprem demo, run as a child process twice on one SQLite file', function () {
  this.timeout(60_000);
  let dir: string;
  let db: string;
  let first: Run;
  let second: Run;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-cli-'));
    db = join(dir, 'demo.db');
    first = await runBinary(['demo', '--db', db]);
    second = await runBinary(['demo', `--db=${db}`]);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 both times with nothing on stderr', () => {
    expect({ code: first.code, stderr: first.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect({ code: second.code, stderr: second.stderr }).to.deep.equal({ code: 0, stderr: '' });
  });

  it('makes a key-encryption key file beside the database on the first run, says so, and uses it on the second', () => {
    const kek = `${db}.kek`;
    expect(first.stdout).to.include(`key-encryption key: made ${kek} (32 random bytes, mode 0600)`);
    expect(second.stdout).to.include(`key-encryption key: ${kek}\n`);
    expect(statSync(kek).mode & 0o777).to.equal(0o600);
    expect(Buffer.from(readFileSync(kek, 'utf8').trim(), 'base64')).to.have.length(32);
    expect(first.stdout + second.stdout, 'the key itself is never printed').to.not.include(readFileSync(kek, 'utf8').trim());
  });

  it('prints the story, both software lists, refund eligibility, the audit trail and verify', () => {
    for (const title of ['Story', 'Software list of Contoso', 'Software list of Fabrikam', 'Refund eligibility at', 'Audit trail', 'Verify']) {
      expect(section(first, title), title).to.not.be.empty;
    }
  });

  it('narrates every step of the guide: buy, get keys, view again, download, copy link and the GlobalAdmin view', () => {
    const story = section(first, 'Story').join('\n');
    const runId = runIdOf(first);
    expect(story).to.match(new RegExp(`bought 8 x SQL Server 2019 Standard .*ORD-${runId}-CON.* -> Purchased SUB-${runId}-CON-1`));
    expect(story).to.match(new RegExp(`bought 2 x Windows Server 2022 Datacenter .*ORD-${runId}-CON.* -> Purchased SUB-${runId}-CON-2`));
    expect(story).to.match(/AdminAgent .*got keys .*TEST-XXXXX-\.\.\.-[A-Z0-9]{5} -> KeyIssued sha256:/);
    expect(story).to.match(/AdminAgent .*viewed the key again .* -> KeyViewed/);
    expect(story).to.match(/-> Downloaded/);
    expect(story).to.match(/-> LinkCopied/);
    expect(story).to.match(/GlobalAdmin admin@contoso\.onmicrosoft\.com: saw the key .* -> KeyViewed/);
    expect(story).to.match(/GlobalAdmin admin@fabrikam\.onmicrosoft\.com: asked for the key of Contoso's .*refused UnknownPurchase/);
  });

  it('completes the cancellation inside the window with 100% credit and revokes its key', () => {
    const runId = runIdOf(first);
    const story = section(first, 'Story').join('\n');
    expect(story).to.match(new RegExp(`completed TKT-11111111-1111-4111-8111-111111111111-SUB-${runId}-CON-2-\\d+: credit 12,310\\.00 USD \\(100% credit\\), 1 key\\(s\\) revoked -> CancelCompleted, KeyRevoked`));
    const row = rowOf(section(first, 'Software list of Contoso'), `SUB-${runId}-CON-2`);
    expect(row).to.match(/\bcancelled\b/).and.match(/sha256:[0-9a-f]{16} \(revoked\)/);
  });

  it('refuses the cancellation after day 60 with CancellationWindowElapsed and writes nothing', () => {
    const runId = runIdOf(first);
    const refusal = section(first, 'Story').find((line) => line.includes('CancellationWindowElapsed'));
    expect(refusal).to.match(/^day 70 /).and.match(new RegExp(`refused CancellationWindowElapsed: the 60-day cancellation window of subscription SUB-${runId}-CON-1 closed at`));
    expect(refusal).to.match(/nothing written/);
    expect(rowOf(section(first, 'Software list of Contoso'), `SUB-${runId}-CON-1`)).to.match(/\bactive\b/).and.match(/\(valid\)/);
    const file = new Database(db, { readonly: true });
    try {
      const types = file.prepare('SELECT type FROM events WHERE stream_id = ? ORDER BY version').pluck().all(purchaseStreamId(NORTHWIND, `SUB-${runId}-CON-1`));
      expect(types, 'the purchase\'s stream in the file').to.include('Purchased').and.not.include('CancelRequested');
    } finally {
      file.close();
    }
  });

  it('shows the request Support rejected and leaves that purchase active and still eligible', () => {
    const runId = runIdOf(first);
    const story = section(first, 'Story').join('\n');
    expect(story).to.match(new RegExp(`Support refunds@support\\.example: rejected TKT-11111111-1111-4111-8111-111111111111-SUB-${runId}-FAB-1-\\d+: .*stays active -> CancelRejected`));
    expect(rowOf(section(first, 'Software list of Fabrikam'), `SUB-${runId}-FAB-1`)).to.match(/\bactive\b/);
    expect(rowOf(section(first, 'Refund eligibility'), `SUB-${runId}-FAB-1`)).to.match(/\byes\s+within-window\b/);
  });

  it('reports every purchase as window-elapsed, already-cancelled or within-window at the end', () => {
    const runId = runIdOf(first);
    const rows = section(first, 'Refund eligibility');
    expect(rowOf(rows, `SUB-${runId}-CON-1`)).to.match(/\bno\s+window-elapsed\b.*\b0\.00 USD$/);
    expect(rowOf(rows, `SUB-${runId}-CON-2`)).to.match(/\bno\s+already-cancelled\b/);
    expect(rowOf(rows, `SUB-${runId}-FAB-1`)).to.match(/\s100\s+14,344\.00 USD$/);
  });

  it('names user, role and tenant of each event in the audit trail', () => {
    const trail = section(first, 'Audit trail').join('\n');
    expect(trail).to.match(/admin@contoso\.onmicrosoft\.com\s+GlobalAdmin\s+Contoso\s+Contoso\s+KeyViewed/);
    expect(trail).to.match(/refunds@support\.example\s+Support\s+Support\s+Contoso\s+KeyRevoked/);
    expect(trail).to.match(/megan@northwind\.example\s+AdminAgent\s+Northwind\s+Contoso\s+LinkCopied/);
  });

  it('uses fresh ids on the second run, which lists both runs and still verifies with twice the events', () => {
    const [firstId, secondId] = [runIdOf(first), runIdOf(second)];
    expect(secondId).to.not.equal(firstId);
    const contoso = section(second, 'Software list of Contoso').join('\n');
    for (const id of [firstId, secondId]) expect(contoso).to.include(`SUB-${id}-CON-1`).and.include(`SUB-${id}-CON-2`);
    const once = verifyLine(first);
    expect(verifyLine(second)).to.deep.equal({ events: once.events * 2, streams: once.streams * 2 });
  });

  it("shows earlier runs' purchases in the GlobalAdmin view as they stood on that day of the story", () => {
    const cancelledLater = `SUB-${runIdOf(first)}-CON-2`;
    const globalAdminView = section(second, 'Story').filter((line) => line.startsWith('    '));
    expect(rowOf(globalAdminView, cancelledLater)).to.match(/\bactive\b/).and.match(/\(valid\)/);
    expect(rowOf(section(second, 'Software list of Contoso'), cancelledLater)).to.match(/\bcancelled\b/).and.match(/\(revoked\)/);
  });

  it('never prints or stores a full product key', () => {
    expect(first.stdout).to.not.match(FULL_TEST_KEY);
    expect(second.stdout).to.not.match(FULL_TEST_KEY);
    const files = [db, `${db}-wal`].filter((file) => existsSync(file));
    const bytes = files.map((file) => readFileSync(file).toString('latin1')).join('');
    const fingerprint = /sha256:[0-9a-f]{16}/.exec(first.stdout)?.[0] ?? 'no fingerprint printed';
    expect(bytes, 'the file holds the events').to.include(fingerprint);
    expect(bytes).to.not.match(FULL_TEST_KEY);
  });
});

describe('csp-onprem on bad input', function () {
  this.timeout(30_000);

  it('exits 1 with one line on stderr and no stack trace when the database directory does not exist', async () => {
    const run = await runBinary(['demo', '--db', '/nonexistent/dir/x.db']);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.equal('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^csp-onprem: StoreUnavailable: .*\/nonexistent\/dir\/x\.db/);
    expect(run.stderr).to.not.match(/\bat .*\.js:\d+/);
  });

  it('prints usage for --help and the demo options for demo --help, and exits 0', async () => {
    const run = await runBinary(['--help']);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/^Usage: csp-onprem <command>/).and.match(/^ {2}demo {2,}/m);
    const demo = await runBinary(['demo', '--help']);
    expect(demo.code).to.equal(0);
    expect(demo.stdout).to.match(/^Usage: csp-onprem demo/).and.include('--db <path>');
  });

  it('exits 2 with a hint on an unknown argument', async () => {
    const run = await runBinary(['demo', '--verbose']);
    expect(run.code).to.equal(2);
    expect(run.stderr.trimEnd()).to.equal('csp-onprem: unknown argument for demo: --verbose (try --help)');
  });
});
