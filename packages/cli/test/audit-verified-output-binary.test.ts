import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { ReplayReport, Verification } from '@csp-onprem/cli';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { appendBackdatedCancellation, storyDay, tenants, writeAuditStoryFile } from './support/audit-story.js';
import { ed25519KeyFiles, type KeyFiles } from './support/key-files.js';
import { expectOneLineFailure, runBinary, expectSuccess } from './support/run-binary.js';
import { positionOf, rewriteEvent, withDatabase } from './support/sqlite-adversary.js';

type Stamped<A> = A & { readonly verification: Verification };

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('csp-onprem export and replay verify the log in the same pass, as child processes on SQLite files', function () {
  this.timeout(120_000);
  let dir: string;
  let story: string;
  let key: KeyFiles;
  let head: string;
  let count = 0;

  /** A copy of the story's log, to change as an adversary would. */
  function copyOfStory(): string {
    count += 1;
    const path = join(dir, `copy-${count}.db`);
    copyFileSync(story, path);
    return path;
  }

  /** The credit of SUB-A2's completed cancellation edited from 2,000.00 to 200.00 USD in the database, its hash left as it was. */
  function editedCredit(): string {
    const path = copyOfStory();
    withDatabase(path, (db) => {
      const changed = db.prepare("UPDATE events SET data = json_set(data, '$.credit.amount', 20000) WHERE type = 'CancelCompleted'").run().changes;
      expect(changed).to.equal(1);
    });
    return path;
  }

  const out = (name: string): string => join(dir, `${count}-${name}`);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-verified-output-'));
    story = join(dir, 'story.db');
    await writeAuditStoryFile(story);
    key = ed25519KeyFiles(dir, 'auditor');
    head = join(dir, 'head.json');
    expectSuccess(await runBinary(['digest', '--store', story, '--sign', key.privateKey, '--out', head]));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('states in every format what a verified export was verified against: position, tree root, digest and signing key id', async () => {
    const keyId = (JSON.parse(readFileSync(head, 'utf8')) as { keyId: string }).keyId;
    const files = { json: out('trail.json'), csv: out('trail.csv'), html: out('trail.html') };
    for (const [format, file] of Object.entries(files)) {
      const stdout = expectSuccess(await runBinary(['export', '--store', story, '--format', format, '--out', file, '--digest', head, '--public-key', key.publicKey]));
      expect(stdout).to.match(/^Verified: the hash chains of all 14 events in 3 purchases hold/m);
    }
    const json = JSON.parse(readFileSync(files.json, 'utf8')) as Stamped<{ format: string }>;
    expect(Object.keys(json).slice(0, 2)).to.deep.equal(['format', 'verification']);
    expect(json.verification).to.deep.include({ verified: true, failures: [] });
    expect(json.verification.log).to.deep.include({ events: 14, streams: 3, position: 14 });
    expect(json.verification.digest).to.deep.include({ file: head, position: 14, keyId, signature: 'ok', timestamp: 'absent', root: json.verification.log.root });
    const statement = json.verification.statement;
    expect(statement).to.include(`key id ${keyId.slice(0, 16)}... checked against the public key given`).and.include(`tree root ${json.verification.log.root}`);
    expect(readFileSync(files.csv, 'utf8').split('\r\n')[0]).to.equal(`"${statement}"`);
    const html = readFileSync(files.html, 'utf8');
    expect(html).to.include('<p class="verification verified" role="note">Verified: the hash chains of all 14 events').and.not.include('UNVERIFIED');
  });

  it('writes no export and prints no replay of a log with an edited credit: exit 1, the purchase named, nothing on stdout', async () => {
    const path = editedCredit();
    const position = positionOf(path, 'CancelCompleted');
    const verdict = `SUB-A2 (order ORD-A, contoso.example): an event was changed after it was written (version 4, position ${position})`;
    for (const format of ['json', 'csv', 'html']) {
      const file = out(`refused.${format}`);
      const run = await runBinary(['export', '--store', path, '--format', format, '--out', file]);
      expect(expectOneLineFailure(run, 1)).to.equal(
        `csp-onprem: nothing was written: the log does not verify: ${verdict} (run csp-onprem verify for every finding; --allow-unverified writes the export stamped UNVERIFIED)`,
      );
      expect(existsSync(file), file).to.equal(false);
    }
    const replay = await runBinary(['replay', '--store', path, '--as-of', '2025-02-28']);
    expect(expectOneLineFailure(replay, 1)).to.include(`nothing was replayed: the log does not verify: ${verdict}`);
    expect(replay.stdout).to.equal('');
  });

  it('with --allow-unverified stamps every output with the failure: a JSON field, a first CSV line, an HTML banner on every printed page, the first line of a replay', async () => {
    const path = editedCredit();
    const files = { json: out('unverified.json'), csv: out('unverified.csv'), html: out('unverified.html') };
    for (const [format, file] of Object.entries(files)) {
      const run = await runBinary(['export', '--store', path, '--format', format, '--out', file, '--allow-unverified']);
      expect(expectOneLineFailure(run, 1)).to.match(/^csp-onprem: exported UNVERIFIED \(--allow-unverified\): SUB-A2 \(order ORD-A, contoso\.example\): an event was changed after it was written/);
      expect(run.stdout).to.match(/^UNVERIFIED: SUB-A2 /m);
    }
    const json = JSON.parse(readFileSync(files.json, 'utf8')) as Stamped<{ entries: unknown[] }>;
    expect(json.verification.verified).to.equal(false);
    expect(json.verification.failures).to.have.length(1);
    expect(json.verification.statement).to.match(/^UNVERIFIED: SUB-A2 \(order ORD-A, contoso\.example\): an event was changed after it was written \(version 4, position \d+\)\. Do not rely on it/);
    expect(json.entries).to.have.length(14);
    expect(readFileSync(files.csv, 'utf8').split('\r\n')[0]).to.equal(`"${json.verification.statement}"`);
    const html = readFileSync(files.html, 'utf8');
    expect(html).to.include('<title>UNVERIFIED: csp-onprem audit trail</title>').and.include('<body class="unverified">');
    expect(html.indexOf('<div class="verification unverified" role="alert"><strong>UNVERIFIED</strong>: SUB-A2')).to.be.greaterThan(html.indexOf('<body'));
    expect(html.indexOf('role="alert"')).to.be.lessThan(html.indexOf('<h1>'));
    expect(html).to.match(/@media print \{\s*\.verification\.unverified \{ position: fixed; top: 0;/);

    const text = await runBinary(['replay', '--store', path, '--as-of', '2025-02-28', '--allow-unverified']);
    expect(text.code).to.equal(1);
    expect(text.stdout.split('\n')[0]).to.equal(json.verification.statement);
    const replayJson = JSON.parse((await runBinary(['replay', '--store', path, '--as-of', '2025-02-28', '--allow-unverified', '--json'])).stdout) as Stamped<ReplayReport>;
    expect(replayJson.verification).to.deep.include({ verified: false, statement: json.verification.statement });
  });

  it('refuses an export of a purchase rewritten with its chain recomputed when the kept digest is given, naming the purchase', async () => {
    const path = copyOfStory();
    rewriteEvent(path, positionOf(path, 'CancelCompleted'), (event) => {
      (event.data['credit'] as { amount: number }).amount = 20_000;
    });
    expect((await runBinary(['verify', '--store', path])).code, 'the chains alone hold').to.equal(0);
    const file = out('rewritten.json');
    const run = await runBinary(['export', '--store', path, '--format', 'json', '--out', file, '--digest', head, '--public-key', key.publicKey]);
    expect(expectOneLineFailure(run, 1)).to.match(
      /^csp-onprem: nothing was written: the log does not verify: SUB-A2 \(order ORD-A, contoso\.example\): its history was rewritten since your digest of .* UTC, position 14: its event version 5 \(position 10\) is another event now, although its chain was recomputed to hold/,
    );
    expect(existsSync(file)).to.equal(false);
  });

  it('never writes over the store it reads, even with --force, nor over an existing file without --force', async () => {
    const path = copyOfStory();
    const before = sha256(path);
    for (const args of [['--out', path], ['--out', path, '--force'], ['--out', `${path}-wal`, '--force']]) {
      expect(expectOneLineFailure(await runBinary(['export', '--store', `sqlite:${path}`, '--format', 'csv', ...args]), 2)).to.include('it is the store being audited (or one of its files); nothing was written');
    }
    expect(sha256(path)).to.equal(before);
    expect((await runBinary(['verify', '--store', path])).code).to.equal(0);
    const existing = out('existing.csv');
    writeFileSync(existing, 'keep me');
    expect(expectOneLineFailure(await runBinary(['export', '--store', path, '--format', 'csv', '--out', existing]), 2)).to.equal(
      `csp-onprem: ${existing} already exists: give --force to replace it (nothing was written)`,
    );
    expect(readFileSync(existing, 'utf8')).to.equal('keep me');
    expectSuccess(await runBinary(['export', '--store', path, '--format', 'csv', '--out', existing, '--force']));
    expect(readFileSync(existing, 'utf8')).to.match(/^"Verified: /);
    expect(expectOneLineFailure(await runBinary(['export', '--store', path, '--format', 'csv', '--out', head, '--digest', head, '--force']), 2)).to.include('the command reads it');
  });

  describe('replay by what was recorded: a cancellation dated day 5, written after the digest of day 27', () => {
    let path: string;
    const asOf = storyDay(6).toISOString();

    before(async () => {
      path = copyOfStory();
      const store = sqliteStore({ path });
      await appendBackdatedCancellation(store);
      await store.close();
    });

    it('passes verify with the digest: it was appended, after the position the digest covers', async () => {
      expect(expectSuccess(await runBinary(['verify', '--store', path, '--digest', head, '--public-key', key.publicKey]))).to.match(/^verify: ok$/m);
    });

    it('shows the purchase cancellation-pending as of day 6 when every recorded event counts, and says which events were used and that one came late', async () => {
      const run = expectSuccess(await runBinary(['replay', '--store', path, '--as-of', asOf, '--customer', tenants.contoso]));
      const [heading, verified, note] = run.split('\n');
      expect(heading).to.equal(`Replay of sqlite:${path} as of ${asOf}: events 1–15 except 8–14 (dated after the instant); eligibility at ${asOf}`);
      expect(verified).to.match(/^Verified: /);
      expect(note).to.equal(
        'Note: 1 event used (15) is dated at or before the instant but was recorded after an event dated after it (position 8): written after the instant if the clocks were right; give --recorded-by <a digest taken then> to replay only what was recorded by then',
      );
      expect(run).to.match(/SUB-A1 +2 +2,000\.00 USD +cancellation-pending/);
    });

    it('leaves the late event out with --recorded-by the digest (or its position), and names the exact set of events used', async () => {
      for (const recordedBy of [head, '14']) {
        const run = expectSuccess(await runBinary(['replay', '--store', path, '--as-of', asOf, '--customer', tenants.contoso, '--recorded-by', recordedBy, ...(recordedBy === head ? ['--public-key', key.publicKey] : [])]));
        const by = recordedBy === head ? `recorded by your digest ${head} (position 14)` : 'recorded by position 14';
        expect(run.split('\n')[0]).to.equal(`Replay of sqlite:${path} as of ${asOf}, ${by}: events 1–7; left out after 7: 8–14 (dated after the instant), 15 (recorded after position 14); eligibility at ${asOf}`);
        expect(run).to.match(/SUB-A1 +2 +2,000\.00 USD +active/).and.not.include('cancellation-pending').and.not.include('Note:');
      }
      const json = JSON.parse(expectSuccess(await runBinary(['replay', '--store', path, '--as-of', asOf, '--recorded-by', head, '--json']))) as Stamped<ReplayReport>;
      expect(json.recordedBy).to.deep.equal({ position: 14, digest: head });
      expect(json.positions).to.deep.equal({
        used: [[1, 7]],
        leftOut: [
          { reason: 'dated after the instant', positions: [[8, 14]] },
          { reason: 'recorded after position 14', positions: [[15, 15]] },
        ],
      });
      expect(json.verification.digest).to.deep.include({ file: head, position: 14, signature: 'not-checked' });
    });

    it('refuses a --recorded-by digest and another --digest at once', async () => {
      expect(expectOneLineFailure(await runBinary(['replay', '--store', path, '--as-of', asOf, '--recorded-by', head, '--digest', join(dir, 'other.json')]), 2)).to.include(
        '--recorded-by names a digest and --digest another',
      );
    });
  });
});
