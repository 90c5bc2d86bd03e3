import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { SanityWarning, VerifyOutcome } from '@csp-onprem/cli';
import { createEngine, purchaseStreamId } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { STORY_KEK, storyDay, tenants, writeAuditStoryFile } from './support/audit-story.js';
import { expectOneLineFailure, runBinary, expectSuccess } from './support/run-binary.js';
import { positionOf, rewriteEvent, swapPositions, withDatabase } from './support/sqlite-adversary.js';

describe('csp-onprem verify in plain words, as child processes: tamper findings per purchase, sanity warnings apart, saved read models checked', function () {
  this.timeout(120_000);
  let dir: string;
  let story: string;
  let head: string;
  let count = 0;

  function copyOfStory(): string {
    count += 1;
    const path = join(dir, `copy-${count}.db`);
    copyFileSync(story, path);
    return path;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-findings-'));
    story = join(dir, 'story.db');
    await writeAuditStoryFile(story);
    head = join(dir, 'head.json');
    expectSuccess(await runBinary(['digest', '--store', story, '--out', head]));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names the purchase that lost its last event since the digest, in words, then the technical detail', async () => {
    const path = copyOfStory();
    const last = positionOf(path, 'CancelRejected');
    withDatabase(path, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(last));
    const run = await runBinary(['verify', '--store', path, '--digest', head]);
    expect(expectOneLineFailure(run, 1)).to.equal('csp-onprem: verify failed: SUB-B1 (order ORD-B, fabrikam.example): 1 event missing since your digest at position 14 (and 1 more finding: see above)');
    expect(run.stdout).to.include(
      `  - SUB-B1 (order ORD-B, fabrikam.example): 1 event missing since your digest at position 14\n    detail: stream ${purchaseStreamId(tenants.partner, 'SUB-B1')}: 1 event missing since the head at position 14 (version 4 at position 14)\n`,
    );
  });

  it('catches two events of different purchases that swapped places, which every chain lets pass', async () => {
    const path = copyOfStory();
    swapPositions(path, positionOf(path, 'KeyIssued', 'SUB-A1'), positionOf(path, 'KeyIssued', 'SUB-A2'));
    expect(expectSuccess(await runBinary(['verify', '--store', path]))).to.match(/^verify: ok$/m);
    const run = await runBinary(['verify', '--store', path, '--digest', head]);
    expect(expectOneLineFailure(run, 1)).to.equal(
      'csp-onprem: verify failed: the order of events was changed at or before position 14 since your digest at position 14: every purchase holds the same events, but in other places of the global order (replays and audit windows by position would change)',
    );
  });

  it('never prints "digest: ok" beside a failing chain: an event edited without its hash still matches the recorded hashes, and the digest line says so', async () => {
    const path = copyOfStory();
    withDatabase(path, (db) => db.prepare("UPDATE events SET data = json_set(data, '$.quantity', 20) WHERE position = 1").run());
    const run = await runBinary(['verify', '--store', path, '--digest', head]);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.not.match(/^digest: +ok/m);
    expect(run.stdout).to.match(/^digest: +FAILED: .*head\.json .*: the log's recorded hashes still make it, but events no longer match their recorded hashes \(see hash chains\), so the log does not hold what was digested$/m);
  });

  it('lists sanity warnings apart, and they alone do not fail verify: a credit that is not the policy\'s, time going backwards, an event id dated otherwise', async () => {
    const path = copyOfStory();
    rewriteEvent(path, positionOf(path, 'CancelCompleted'), (event) => {
      (event.data['credit'] as { amount: number }).amount = 20_000;
    });
    const downloaded = positionOf(path, 'Downloaded');
    rewriteEvent(path, downloaded, (event) => {
      event.meta['occurredAt'] = storyDay(0, 30).toISOString();
    });
    const run = await runBinary(['verify', '--store', path]);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.include('warnings:    3 (not signs of tampering on their own; the checks above decide that):\n');
    expect(run.stdout).to.include(
      `  - SUB-A1 (order ORD-A, contoso.example): the event's id carries the time ${storyDay(2, 5).toISOString()}, but the event says it occurred at ${storyDay(0, 30).toISOString()} (position ${downloaded})\n`,
    );
    expect(run.stdout).to.include(
      `  - SUB-A1 (order ORD-A, contoso.example): an event dated ${storyDay(0, 30).toISOString()} comes after one dated ${storyDay(2).toISOString()}: time went backwards within the purchase (position ${downloaded})\n`,
    );
    expect(run.stdout).to.match(
      /^ {2}- SUB-A2 \(order ORD-A, contoso\.example\): the credit of 200\.00 USD is not 100% of the 2,000\.00 USD requested \(2,000\.00 USD expected; 2,000\.00 USD was paid, the event says 100%\) \(position \d+\)$/m,
    );
    expect(run.stdout).to.match(/^verify: ok$/m);
    const json = JSON.parse((await runBinary(['verify', '--store', path, '--json'])).stdout) as VerifyOutcome;
    expect(json.warnings.map((w: SanityWarning) => w.kind)).to.deep.equal(['event-id-time', 'time-went-backwards', 'credit-not-policy']);
    expect(json.verdicts).to.deep.equal([]);
  });

  it('compares the read models the engine saved in the file with a fold of the log, and names the purchase whose document was edited', async () => {
    const path = copyOfStory();
    const engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: STORY_KEK });
    const caughtUp = await engine.catchUp();
    await engine.close();
    expect(E.isRight(caughtUp)).to.equal(true);
    expect(expectSuccess(await runBinary(['verify', '--store', path]))).to.match(
      /^read models: ok: software-list \(3 documents at position 14\), purchase-index \(\d+ documents at position 14\), tickets \(\d+ documents at position 14\) match a fold of the log$/m,
    );
    const stream = purchaseStreamId(tenants.partner, 'SUB-B1');
    withDatabase(path, (db) =>
      db.prepare("UPDATE projection_documents SET doc = json_set(doc, '$.partnerId', '55555555-5555-4555-8555-555555555555') WHERE name = 'software-list' AND key = ?").run(stream),
    );
    const run = await runBinary(['verify', '--store', path]);
    expect(expectOneLineFailure(run, 1)).to.equal('csp-onprem: verify failed: SUB-B1 (order ORD-B, fabrikam.example): the saved software-list read model says otherwise than the log in partnerId');
    expect(run.stdout).to.include(`    detail: software-list document ${stream} differs from a fold of the log in partnerId\n`);
    const json = JSON.parse((await runBinary(['verify', '--store', path, '--json'])).stdout) as VerifyOutcome;
    expect(json.readModels?.differences.map((d) => [d.readModel, d.streamId, d.fields])).to.deep.equal([['software-list', stream, ['partnerId']]]);
  });
});
