import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { headsDigest, purchaseStreamId } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { appendMore, tenants, writeAuditStoryFile } from './support/audit-story.js';
import { withDatabase } from './support/sqlite-adversary.js';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';

describe('csp-onprem verify and digest, run as child processes on SQLite files the engine wrote', function () {
  this.timeout(60_000);
  let dir: string;
  let count = 0;

  async function freshLog(): Promise<string> {
    count += 1;
    const path = join(dir, `log-${count}.db`);
    await writeAuditStoryFile(path);
    return path;
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-verify-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a good log and says how many events and streams it checked', async () => {
    const path = await freshLog();
    const run = await runBinary(['verify', '--store', `sqlite:${path}`]);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.match(/^hash chains: ok: 14 events in 3 streams decode and chain, last position 14$/m).and.match(/^verify: ok$/m);
  });

  it('prints the report as JSON with --json', async () => {
    const path = await freshLog();
    const run = await runBinary(['verify', '--store', path, '--json']);
    expect(run.code).to.equal(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; chain: { events: number; streams: number; ok: boolean } };
    expect(report).to.deep.include({ ok: true });
    expect(report.chain).to.deep.include({ ok: true, events: 14, streams: 3 });
  });

  it('exits 1 naming the first bad event (stream, version, position, what differs) after one byte of its data was flipped', async () => {
    const path = await freshLog();
    const target = withDatabase(path, (db) => {
      const row = db.prepare("SELECT position, stream_id AS streamId, version, data FROM events WHERE type = 'Downloaded'").get() as {
        position: number;
        streamId: string;
        version: number;
        data: string;
      };
      const flipped = row.data.replace('en-us', 'en-uS');
      expect(flipped).to.not.equal(row.data);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(flipped, row.position);
      return row;
    });
    const run = await runBinary(['verify', '--store', `sqlite:${path}`]);
    const line = expectOneLineFailure(run, 1);
    const verdict = `SUB-A1 (order ORD-A, contoso.example): an event was changed after it was written (version ${target.version}, position ${target.position})`;
    expect(line).to.equal(`csp-onprem: verify failed: ${verdict}`);
    expect(run.stdout).to.include(`hash chains: FAILED: 1 event of the 14 read does not hold:\n  - ${verdict}\n`);
    expect(run.stdout).to.match(/^ {4}detail: hash: stored hash [0-9a-f]{16}\.\.\. but the record hashes to [0-9a-f]{16}\.\.\. \(stream csp-software-.*\/SUB-A1\)$/m);
    expect(run.stdout).to.match(/^verify: FAILED$/m);
  });

  it('names a gap in versions when an event in the middle of a stream was deleted', async () => {
    const path = await freshLog();
    const removed = withDatabase(path, (db) => {
      const row = db.prepare("SELECT position, stream_id AS streamId, version FROM events WHERE type = 'KeyViewed'").get() as { position: number; streamId: string; version: number };
      db.prepare('DELETE FROM events WHERE position = ?').run(row.position);
      return row;
    });
    const run = await runBinary(['verify', '--store', path]);
    expect(expectOneLineFailure(run, 1)).to.match(
      new RegExp(`^csp-onprem: verify failed: SUB-A1 \\(order ORD-A, contoso\\.example\\): 1 event missing from the middle of its history \\(version ${removed.version}, before position \\d+\\)$`),
    );
    expect(run.stdout).to.include(`detail: version-gap: expected version ${removed.version}, found ${removed.version + 1} (stream ${removed.streamId})`);
  });

  it('accepts a kept digest after more events were appended: the log only grew', async () => {
    const path = await freshLog();
    const digestFile = join(dir, 'grown.json');
    const digest = await runBinary(['digest', '--store', path, '--out', digestFile]);
    expect(digest.code, digest.stderr).to.equal(0);
    expect(digest.stdout).to.match(/: 14 events in 3 streams up to position 14, root [A-Za-z0-9+/]{43}=; not signed \(give --sign\); written to /);
    const store = sqliteStore({ path });
    await appendMore(store);
    await store.close();
    const run = await runBinary(['verify', '--store', path, '--digest', digestFile]);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.match(/^hash chains: ok: 15 events in 3 streams/m).and.match(/^digest: +ok: .*grown\.json \(unsigned tree head: 14 events up to position 14, root .{16}\.\.\.\) matches the log$/m);
    expect(run.stdout).to.match(/^signature: +none: the digest is not signed/m);
  });

  it('exits 1 naming the purchase when a whole stream was deleted since the digest, although every remaining chain holds', async () => {
    const path = await freshLog();
    const digestFile = join(dir, 'deleted.json');
    expect((await runBinary(['digest', '--store', path, '--out', digestFile])).code).to.equal(0);
    withDatabase(path, (db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(purchaseStreamId(tenants.partner, 'SUB-A2')));
    const run = await runBinary(['verify', '--store', path, '--digest', digestFile]);
    expect(expectOneLineFailure(run, 1)).to.match(/^csp-onprem: verify failed: SUB-A2: the whole purchase is gone since your digest at position 14 \(it had 5 events, the last at position \d+\) \(and 1 more finding: see above\)$/);
    expect(run.stdout).to.match(/^hash chains: ok: /m).and.match(/^digest: +FAILED: .*deleted\.json \(unsigned tree head: 14 events up to position 14, root .{16}\.\.\.\) does not match the log:$/m);
    expect(run.stdout).to.include('  - the log holds fewer events than your digest at position 14 covered (14): events were deleted\n');
    expect(run.stdout).to.match(/^verify: FAILED$/m);
  });

  it('still reads a digest of the older csp-onprem-heads/1 format, and says it cannot name the purchase that changed', async () => {
    const path = await freshLog();
    const store = sqliteStore({ path });
    const legacy = await headsDigest(store);
    await store.close();
    if (E.isLeft(legacy)) throw new Error(legacy.left.message);
    const digestFile = join(dir, 'legacy.json');
    writeFileSync(digestFile, JSON.stringify(legacy.right));
    const kept = await runBinary(['verify', '--store', path, '--digest', digestFile]);
    expect(kept.code, kept.stderr).to.equal(0);
    expect(kept.stdout).to.match(/^digest: +ok: .*legacy\.json \(older-format digest: 14 events up to position 14, root [0-9a-f]{16}\.\.\.\) matches the log$/m);
    withDatabase(path, (db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(purchaseStreamId(tenants.partner, 'SUB-A2')));
    const line = expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', digestFile]), 1);
    expect(line).to.match(
      /^csp-onprem: verify failed: the log no longer holds what your older-format digest at position 14 covered: 3 purchases were digested, 2 are there now; 14 events were digested, 9 are there now; the last event of at least one purchase is not the one digested \(root [0-9a-f]{16}\.\.\. then, [0-9a-f]{16}\.\.\. now\) \(a digest of that format cannot say which purchase changed: take signed tree heads with csp-onprem digest --sign from now on\)$/,
    );
  });

  it('writes the digest as JSON on stdout, up to a position with --at', async () => {
    const path = await freshLog();
    const run = await runBinary(['digest', '--store', path, '--at', '5']);
    expect(run.code).to.equal(0);
    const digest = JSON.parse(run.stdout) as { streams: { streamId: string; version: number; position: number }[] } & Record<string, unknown>;
    expect(digest).to.include({ format: 'csp-onprem-tree-head/1', position: 5, treeSize: 5 });
    expect(digest['root']).to.match(/^[A-Za-z0-9+/]{43}=$/);
    expect(digest.streams.map((s) => [s.streamId, s.version, s.position])).to.deep.equal([
      [purchaseStreamId(tenants.partner, 'SUB-A1'), 3, 5],
      [purchaseStreamId(tenants.partner, 'SUB-A2'), 2, 4],
    ]);
  });

  it('changes no byte of the file it audits, even one written by an older store schema', async () => {
    const path = await freshLog();
    // Take the file back to store schema version 1 (events only), which a writer would upgrade.
    withDatabase(path, (db) => {
      db.exec('DROP TABLE projection_checkpoints; DROP TABLE projection_documents;');
      db.pragma('user_version = 1');
    });
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    for (const args of [['verify'], ['digest'], ['replay', '--as-of', '2030-01-01']]) {
      const run = await runBinary([...args, '--store', path]);
      expect(run.code, `${args[0]}: ${run.stderr}`).to.equal(0);
    }
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).to.equal(before);
    expect(withDatabase(path, (db) => db.pragma('user_version', { simple: true }))).to.equal(1);
  });

  describe('on bad input: one line on stderr, a non-zero exit, no stack trace', () => {
    it('refuses an unknown store address with exit 2', async () => {
      const run = await runBinary(['verify', '--store', 'mongodb://user:secret@host/db']);
      const line = expectOneLineFailure(run, 2);
      expect(line).to.match(/unknown store address mongodb:\/\/user:\*\*\*@host\/db: use one of sqlite:/);
      expect(line).to.not.include('secret');
    });

    it('does not create a missing SQLite file and says it does not exist (exit 1)', async () => {
      const missing = join(dir, 'missing.db');
      const run = await runBinary(['verify', '--store', `sqlite:${missing}`]);
      expect(expectOneLineFailure(run, 1)).to.equal(`csp-onprem: sqlite:${missing} does not exist (the audit commands never create a store)`);
      expect(existsSync(missing)).to.equal(false);
    });

    it('reports a file that is not a database as an unreadable store (exit 1)', async () => {
      const garbage = join(dir, 'garbage.db');
      writeFileSync(garbage, 'this is not an SQLite database, just some text that is long enough to have a header');
      const run = await runBinary(['verify', '--store', garbage]);
      expect(expectOneLineFailure(run, 1)).to.match(/^csp-onprem: StoreUnavailable: sqlite:.*garbage\.db: cannot open: /);
    });

    it('refuses a SQLite file that holds no store and adds no table to it (exit 1)', async () => {
      const other = join(dir, 'other-application.db');
      withDatabase(other, (db) => db.exec('CREATE TABLE notes (text TEXT)'));
      const run = await runBinary(['verify', '--store', other]);
      expect(expectOneLineFailure(run, 1)).to.match(/^csp-onprem: StoreUnavailable: sqlite:.*other-application\.db: cannot open: .*holds no csp-onprem event store/);
      const tables = withDatabase(other, (db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
      expect(tables).to.deep.equal(['notes']);
    });

    it('refuses a digest file that is not JSON, is cut short, or is not a digest, never quoting it (exit 2)', async () => {
      const path = await freshLog();
      const secret = 'sk_live_0123456789abcdef';
      const notJson = join(dir, 'not-json.json');
      writeFileSync(notJson, `password=${secret}\n`);
      expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', notJson]), 2)).to.equal(`csp-onprem: the digest file ${notJson} is not JSON`);
      const cut = join(dir, 'cut.json');
      writeFileSync(cut, `{ "format": "csp-onprem-tree-head/1", "note": "${secret}", `);
      expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', cut]), 2)).to.equal(`csp-onprem: the digest file ${cut} is not JSON: it ends before its JSON does (truncated?)`);
      const other = join(dir, 'other.json');
      writeFileSync(other, JSON.stringify({ format: secret }));
      expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', other]), 2)).to.equal(
        `csp-onprem: the digest file ${other} is not a digest: its format field is neither csp-onprem-tree-head/1 nor csp-onprem-heads/1`,
      );
      const wrong = join(dir, 'wrong.json');
      writeFileSync(wrong, JSON.stringify({ format: 'csp-onprem-heads/1', position: -1, streams: 1, events: 1, root: secret }));
      const line = expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', wrong]), 2);
      expect(line).to.match(/the digest file .*wrong\.json is malformed: not a csp-onprem-heads\/1 digest: position expected .*; root expected SHA-256 hex/);
      const head = join(dir, 'wrong-head.json');
      writeFileSync(head, JSON.stringify({ format: 'csp-onprem-tree-head/1', treeSize: 3, position: 3, root: secret, streams: [] }));
      expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', head]), 2)).to.match(/the digest file .*wrong-head\.json is malformed: not a csp-onprem-tree-head\/1 tree head: root should be SHA-256 hash in base64/);
      for (const file of [notJson, cut, other, wrong, head]) {
        const run = await runBinary(['verify', '--store', path, '--digest', file]);
        expect(run.stderr + run.stdout, file).to.not.include(secret);
      }
    });

    it('refuses a missing digest file and a bad --at (exit 2)', async () => {
      const path = await freshLog();
      expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', join(dir, 'nowhere.json')]), 2)).to.include('cannot read the digest file');
      expect(expectOneLineFailure(await runBinary(['digest', '--store', path, '--at', 'ten']), 2)).to.equal(
        'csp-onprem: --at ten is not a global position (a whole number >= 0) (try --help)',
      );
    });
  });
});
