import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { htmlStructureProblem, parseCsv } from '@csp-onprem/testing';
import { purchaseStreamId } from '@csp-onprem/engine';
import { tenants, writeAuditStoryFile } from './support/audit-story.js';
import { runBinary } from './support/run-binary.js';

/** A raw control, lone surrogate, bidi override or separator: what a terminal must never get. */
const RAW_UNSAFE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;

/** What an attacker who can edit the log would put in it: clear the screen, retitle the window, hide a line, reorder text. */
const PAYLOAD = '\\u001b[2J\\u001b]0;pwned\\u0007\\u001b[8m\\u009b31m\\u202eevil\\u2028\\r';

const A1 = purchaseStreamId(tenants.partner, 'SUB-A1');
const B1 = purchaseStreamId(tenants.partner, 'SUB-B1');

function rawUnsafeIn(text: string): string | undefined {
  const lines = text.split('\n');
  for (const line of lines) {
    const found = RAW_UNSAFE.exec(line);
    if (found !== null) return `${JSON.stringify(found[0])} in ${JSON.stringify(line.slice(0, 80))}`;
  }
  return undefined;
}

describe('csp-onprem never writes control characters from the log to a terminal (child processes on an edited SQLite log)', function () {
  this.timeout(60_000);
  let dir: string;
  let path: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-terminal-'));
    path = join(dir, 'log.db');
    await writeAuditStoryFile(path);
    // Text a command can no longer carry, put there by editing the file (or by an older version):
    // a product title, a user id and a stream id holding escape sequences.
    const db = new Database(path);
    try {
      db.prepare("UPDATE events SET data = replace(data, 'SQL Server 2019 Standard', ?) WHERE stream_id = ?").run(`SQL${PAYLOAD}Server`, B1);
      db.prepare("UPDATE events SET meta = replace(meta, 'megan@northwind.example', ?) WHERE stream_id = ?").run(`megan${PAYLOAD}`, B1);
      // The first event verify finds wrong: the second of SUB-A1, moved to a stream id holding ESC.
      db.prepare("UPDATE events SET stream_id = stream_id || char(27) || '[2J' WHERE stream_id = ? AND version = 2").run(A1);
    } finally {
      db.close();
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the replay with every escape sequence made visible', async () => {
    // The edited stream id breaks a chain: the replay is printed stamped UNVERIFIED, and exits 1.
    const run = await runBinary(['replay', '--store', `sqlite:${path}`, '--as-of', '2025-03-01T00:00:00Z', '--allow-unverified']);
    expect(run.code, run.stderr).to.equal(1);
    expect(rawUnsafeIn(run.stdout)).to.equal(undefined);
    expect(rawUnsafeIn(run.stderr)).to.equal(undefined);
    expect(run.stdout).to.include('SQL\\u001b[2J\\u001b]0;pwned\\u0007\\u001b[8m\\u009b31m\\u202eevil Server');
  });

  it('prints the verify report and its one stderr line with the edited stream id made visible', async () => {
    const run = await runBinary(['verify', '--store', `sqlite:${path}`]);
    expect(run.code).to.equal(1);
    expect(rawUnsafeIn(run.stdout)).to.equal(undefined);
    expect(rawUnsafeIn(run.stderr)).to.equal(undefined);
    expect(run.stdout).to.include(`(stream ${A1}\\u001b[2J)`);
    expect(run.stderr).to.include('SUB-A1\\u001b[2J');
  });

  it('exports files that parse back whole: JSON to the same text, CSV to one row per event, HTML well-formed', async () => {
    const outputs = { json: join(dir, 'trail.json'), csv: join(dir, 'trail.csv'), html: join(dir, 'trail.html') };
    for (const [format, out] of Object.entries(outputs)) {
      const run = await runBinary(['export', '--store', `sqlite:${path}`, '--format', format, '--out', out, '--allow-unverified']);
      expect(run.code, run.stderr).to.equal(1);
      expect(rawUnsafeIn(run.stdout)).to.equal(undefined);
      expect(rawUnsafeIn(run.stderr)).to.equal(undefined);
    }
    const json = readFileSync(outputs.json, 'utf8');
    expect(rawUnsafeIn(json)).to.equal(undefined);
    const trail = JSON.parse(json) as { entries: { userId: string }[] };
    expect(trail.entries.some((entry) => entry.userId === `megan${JSON.parse(`"${PAYLOAD}"`) as string}`)).to.equal(true);
    // The stamp line, the header, then one row per event, all as wide as the header.
    const [stamp, ...rows] = parseCsv(readFileSync(outputs.csv, 'utf8'));
    expect(stamp?.[0]).to.match(/^UNVERIFIED: /);
    expect(rows).to.have.length(trail.entries.length + 1);
    for (const row of rows) expect(row).to.have.length(rows[0]?.length ?? 0);
    expect(htmlStructureProblem(readFileSync(outputs.html, 'utf8'))).to.equal(undefined);
  });
});
