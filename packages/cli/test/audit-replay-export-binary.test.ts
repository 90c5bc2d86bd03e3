import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { RefundEligibility } from '@csp-onprem/domain';
import { createEngine, type AuditEntry, type Engine, type StoredEvent } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { CLI_AUDITOR, toAuditItem, type AuditTrailExport, type ReplayReport, type Verification } from '@csp-onprem/cli';
import { HOSTILE_TITLE, STORY_KEK, storyDay, tenants, writeAuditStory } from './support/audit-story.js';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';

function right<A>(either: E.Either<{ message: string }, A>): A {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
}

/** What the engine answers for the same question, shaped as the CLI prints it (shredding read from the store's data keys, as the engine reads it). */
async function engineReplay(engine: Engine, asOf: Date | number, at: Date): Promise<ReplayReport['customers']> {
  const customers = [];
  for (const [tenantId, domain] of [
    [tenants.contoso, 'contoso.example'],
    [tenants.fabrikam, 'fabrikam.example'],
  ] as const) {
    const list = right(await engine.as(CLI_AUDITOR).softwareList(tenantId, { asOf }));
    if (list.length === 0) continue;
    const eligibility: RefundEligibility[] = [];
    for (const item of list) eligibility.push(right(await engine.as(CLI_AUDITOR).refundEligibility(item.subscriptionId, at)));
    customers.push({ tenantId, domain, software: list.map((item) => toAuditItem(item, true)), eligibility });
  }
  return customers;
}

/** A minimal RFC 4180 reader, to prove the CSV reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  return rows;
}

describe('csp-onprem replay and export, run as child processes on a SQLite file the engine wrote', function () {
  this.timeout(60_000);
  let dir: string;
  let path: string;
  let productKeys: string[];
  let engine: Engine;
  let events: StoredEvent[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-replay-'));
    path = join(dir, 'audit.db');
    const writer = sqliteStore({ path });
    productKeys = (await writeAuditStory(writer)).productKeys;
    await writer.close();
    engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: STORY_KEK, persistProjections: false });
    const reader = sqliteStore({ path });
    events = right(await reader.readAll({ after: 0, limit: 1000 }));
    await reader.close();
  });

  after(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays as of an instant: the software lists and eligibility the engine answers for that instant', async () => {
    const instant = storyDay(11);
    const run = await runBinary(['replay', '--store', `sqlite:${path}`, '--as-of', instant.toISOString(), '--json']);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    const report = JSON.parse(run.stdout) as ReplayReport;
    expect(report.asOf).to.deep.equal({ instant: instant.toISOString() });
    expect(report.eligibilityAt).to.equal(instant.toISOString());
    expect(report.customers).to.deep.equal(await engineReplay(engine, instant, instant));
    // Day 11: Windows Server waits for Support, Fabrikam has bought nothing yet.
    expect(report.customers.map((c) => c.domain)).to.deep.equal(['contoso.example']);
    expect(report.customers[0]?.software.map((item) => [item.subscriptionId, item.status])).to.deep.equal([
      ['SUB-A1', 'active'],
      ['SUB-A2', 'cancellation-pending'],
    ]);
    expect(report.customers[0]?.eligibility.map((e) => [e.reason, e.daysLeft])).to.deep.equal([
      ['within-window', 49],
      ['cancellation-pending', 0],
    ]);
  });

  it('replays as of a global position, with eligibility at the time of the event there', async () => {
    const requested = events.find((event) => event.type === 'CancelRequested');
    if (requested === undefined) throw new Error('the story has a CancelRequested event');
    const at = new Date((requested.meta as { occurredAt: string }).occurredAt);
    const run = await runBinary(['replay', '--store', path, '--as-of', String(requested.position), '--json']);
    expect(run.code, run.stderr).to.equal(0);
    const report = JSON.parse(run.stdout) as ReplayReport;
    expect(report).to.deep.include({ asOf: { position: requested.position }, eligibilityAt: at.toISOString(), throughPosition: requested.position });
    expect(report.customers).to.deep.equal(await engineReplay(engine, requested.position, at));
  });

  it('replays one customer with --customer, and prints tables without --json', async () => {
    const run = await runBinary(['replay', '--store', path, '--as-of', '2025-02-05', '--customer', tenants.fabrikam]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^Replay of sqlite:.* as of 2025-02-05T23:59:59\.999Z: events 1–14 \(every event of the log\); eligibility at 2025-02-05T23:59:59\.999Z\n/);
    expect(run.stdout.split('\n')[1]).to.match(/^Verified: the hash chains of all 14 events in 3 purchases hold; the log read up to position 14 has the tree root [A-Za-z0-9+/]{43}=; no kept digest was given/);
    expect(run.stdout).to.include('== fabrikam.example (33333333-3333-4333-8333-333333333333) ==').and.not.include('contoso.example');
    expect(run.stdout).to.match(/SUB-B1 +2 +2,000\.00 USD +active +sha256:[0-9a-f]{16} \(valid\)/);
    expect(run.stdout).to.match(/SUB-B1 +yes +within-window +2025-03-27 09:00 +50 +100 +2,000\.00 USD/);
  });

  it('refuses a date that does not parse, in one line with exit 2', async () => {
    for (const asOf of ['yesterday', '2025-02-30', '2025-02-05T10:00']) {
      const line = expectOneLineFailure(await runBinary(['replay', '--store', path, '--as-of', asOf]), 2);
      expect(line).to.include(`--as-of ${asOf}`);
    }
    expect(expectOneLineFailure(await runBinary(['export', '--store', path, '--format', 'csv', '--out', join(dir, 'x.csv'), '--from', '01/02/2025']), 2)).to.include(
      '--from 01/02/2025 is not an ISO-8601 instant',
    );
  });

  it('exports JSON: the entries engine.auditTrail answers, for the whole log and for a customer and a range', async () => {
    const all = join(dir, 'all.json');
    const run = await runBinary(['export', '--store', path, '--format', 'json', '--out', all]);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^exported 14 events of 3 purchases \(2 customers\) from sqlite:.* to .*all\.json \(json\); 0 of 3 keys shredded$/m);
    const exported = JSON.parse(readFileSync(all, 'utf8')) as AuditTrailExport & { verification: Verification };
    expect(exported.entries).to.deep.equal(right(await engine.as(CLI_AUDITOR).auditTrail()));
    expect(exported.verification).to.deep.include({ verified: true, failures: [], digest: null });
    expect(exported.verification.log).to.deep.include({ events: 14, streams: 3, position: 14 });
    expect(exported.purchases.map((item) => [item.subscriptionId, item.status])).to.deep.equal([
      ['SUB-A1', 'active'],
      ['SUB-A2', 'cancelled'],
      ['SUB-B1', 'active'],
    ]);

    const some = join(dir, 'some.json');
    const filtered = await runBinary(['export', '--store', path, '--format', 'json', '--out', some, '--customer', tenants.contoso, '--from', '2025-01-07', '--to', '2025-01-16']);
    expect(filtered.code, filtered.stderr).to.equal(0);
    const part = JSON.parse(readFileSync(some, 'utf8')) as AuditTrailExport;
    const expected: AuditEntry[] = right(await engine.as(CLI_AUDITOR).auditTrail({ customerTenantId: tenants.contoso, from: new Date('2025-01-07T00:00:00.000Z'), to: new Date('2025-01-16T23:59:59.999Z') }));
    expect(part.entries).to.deep.equal(expected);
    expect(part.entries.map((entry) => entry.type)).to.deep.equal(['KeyIssued', 'KeyIssued', 'KeyViewed', 'Downloaded', 'LinkCopied', 'CancelRequested']);
    expect(part).to.deep.include({ customer: tenants.contoso, from: '2025-01-07T00:00:00.000Z', to: '2025-01-16T23:59:59.999Z' });
    // As it stood at the end of the range: the cancellation was not completed yet.
    expect(part.purchases.map((item) => [item.subscriptionId, item.status])).to.deep.equal([
      ['SUB-A1', 'active'],
      ['SUB-A2', 'cancellation-pending'],
    ]);
  });

  it('exports CSV that reads back to the same entries, quoting the title that holds a comma and quotes', async () => {
    const file = join(dir, 'trail.csv');
    expect((await runBinary(['export', '--store', path, '--format', 'csv', '--out', file])).code).to.equal(0);
    const text = readFileSync(file, 'utf8');
    expect(text).to.include('"bought 2 x SQL Server 2019 Standard, <script>alert(""pwned"")</script> & more for 2,000.00 USD (order ORD-A)"');
    const [stamp, header, ...rows] = parseCsv(text);
    expect(stamp).to.have.length(1);
    expect(stamp?.[0]).to.match(/^Verified: the hash chains of all 14 events in 3 purchases hold; the log read up to position 14 has the tree root /);
    expect(header?.slice(0, 6)).to.deep.equal(['position', 'occurredAt', 'event', 'userId', 'actingRole', 'roles']);
    const entries = right(await engine.as(CLI_AUDITOR).auditTrail());
    expect(rows.map((row) => [Number(row[0]), row[1], row[2], row[3], row[4], row[12]])).to.deep.equal(
      entries.map((entry) => [entry.position, entry.occurredAt, entry.type, entry.userId, entry.actingRole, entry.summary]),
    );
  });

  it('exports one self-contained HTML page with everything escaped and no product key in any format', async () => {
    const files = { html: join(dir, 'trail.html'), json: join(dir, 'keys.json'), csv: join(dir, 'keys.csv') };
    for (const [format, file] of Object.entries(files)) expect((await runBinary(['export', '--store', path, '--format', format, '--out', file])).code).to.equal(0);
    const html = readFileSync(files.html, 'utf8');
    expect(html).to.not.match(/<script/i).and.not.match(/\b(src|href)=/i).and.not.match(/@import|url\(/i);
    expect(HOSTILE_TITLE).to.include('<script>');
    expect(html).to.include('SQL Server 2019 Standard, &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; more').and.not.include(HOSTILE_TITLE);
    expect(html.match(/<section class="purchase"/g)).to.have.length(3);
    expect(new Set(productKeys).size, 'three keys issued, one shown again').to.equal(3);
    for (const file of Object.values(files)) {
      const text = readFileSync(file, 'utf8');
      for (const key of productKeys) expect(text, file).to.not.include(key);
      expect(text, file).to.not.include('ciphertext');
    }
  });

  it('refuses an unknown format and a missing --out, and says when the file cannot be written', async () => {
    expect(expectOneLineFailure(await runBinary(['export', '--store', path, '--format', 'pdf', '--out', 'x.pdf']), 2)).to.include('--format pdf is not one of json, csv, html');
    expect(expectOneLineFailure(await runBinary(['export', '--store', path, '--format', 'csv']), 2)).to.include('export needs --out');
    expect(expectOneLineFailure(await runBinary(['export', '--store', path, '--format', 'csv', '--out', join(dir, 'no', 'such', 'dir.csv')]), 1)).to.include('cannot write');
  });
});
