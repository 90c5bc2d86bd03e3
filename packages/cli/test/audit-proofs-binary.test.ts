import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { appendMore, writeAuditStoryFile } from './support/audit-story.js';
import { ed25519KeyFiles, type KeyFiles } from './support/key-files.js';
import { expectOneLineFailure, runBinary, expectSuccess } from './support/run-binary.js';
import { positionOf, rewriteEvent } from './support/sqlite-adversary.js';

describe('csp-onprem consistency and prove, as child processes: proofs made from a SQLite log and checked offline', function () {
  this.timeout(120_000);
  let dir: string;
  let path: string;
  let key: KeyFiles;
  let otherKey: KeyFiles;
  /** Signed heads of the log at 14 events, then at 15. */
  let older: string;
  let newer: string;

  const file = (name: string): string => join(dir, name);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-proofs-'));
    key = ed25519KeyFiles(dir, 'auditor');
    otherKey = ed25519KeyFiles(dir, 'other');
    path = file('log.db');
    await writeAuditStoryFile(path);
    older = file('older.json');
    newer = file('newer.json');
    expectSuccess(await runBinary(['digest', '--store', path, '--sign', key.privateKey, '--out', older]));
    const grown = sqliteStore({ path });
    await appendMore(grown);
    await grown.close();
    expectSuccess(await runBinary(['digest', '--store', path, '--sign', key.privateKey, '--out', newer]));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('proves the log only grew between two signed digests, and the proof checks offline with the two heads and the public key alone', async () => {
    const proof = file('consistency.json');
    const made = expectSuccess(await runBinary(['consistency', '--from', older, '--to', newer, '--store', path, '--out', proof]));
    expect(made).to.match(/^consistency proof from the head of .* \(14 events up to position 14\) to the head of .* \(15 events up to position 15\) \(1 event appended\), \d+ hash(es)?; written to /);
    const document = JSON.parse(readFileSync(proof, 'utf8')) as { format: string; path: string[] };
    expect(document.format).to.equal('csp-onprem-consistency-proof/1');
    expect(document.path.length).to.be.greaterThan(0);

    const checked = expectSuccess(await runBinary(['consistency', '--check', proof, '--public-key', key.publicKey]));
    expect(checked).to.match(/^consistency: ok: the log of the head of .* \(15 events up to position 15\) only grew from that of the head of .* \(14 events up to position 14\): 1 event appended, none removed, changed or moved$/m);
    expect(checked).to.match(/^signatures: +ok: all 2 heads are signed with the --public-key given \(key id [0-9a-f]{16}\.\.\.\)$/m);
    expect(expectSuccess(await runBinary(['consistency', '--check', proof]))).to.match(/^signatures: +NOT CHECKED: 2 of 2 heads signed, not checked: give --public-key/m);
    // Printed on stdout without --out: the same proof.
    expect(JSON.parse(expectSuccess(await runBinary(['consistency', '--from', older, '--to', newer, '--store', path])))).to.deep.equal(document);
  });

  it('refuses a proof cut short, a proof that lost a hash, heads signed by another key, and heads given in the wrong order', async () => {
    const proof = file('to-damage.json');
    expectSuccess(await runBinary(['consistency', '--from', older, '--to', newer, '--store', path, '--out', proof]));
    const text = readFileSync(proof, 'utf8');
    const cut = file('cut.json');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    expect(expectOneLineFailure(await runBinary(['consistency', '--check', cut]), 2)).to.equal(`csp-onprem: the proof file ${cut} is not JSON: it ends before its JSON does (truncated?)`);

    const document = JSON.parse(text) as { path: string[] };
    const shorter = file('shorter.json');
    writeFileSync(shorter, JSON.stringify({ ...document, path: document.path.slice(1) }));
    const lost = await runBinary(['consistency', '--check', shorter]);
    expect(expectOneLineFailure(lost, 1)).to.match(/^csp-onprem: consistency failed: the log of the head of .* is not proven to extend that of the head of .*: /);
    expect(lost.stdout).to.match(/^consistency: FAILED: /m).and.not.match(/: ok: /);

    const signedElsewhere = file('other-older.json');
    expectSuccess(await runBinary(['digest', '--store', path, '--at', '14', '--sign', otherKey.privateKey, '--out', signedElsewhere]));
    const mixed = file('mixed.json');
    expectSuccess(await runBinary(['consistency', '--from', signedElsewhere, '--to', newer, '--store', path, '--out', mixed]));
    expect(expectOneLineFailure(await runBinary(['consistency', '--check', mixed, '--public-key', key.publicKey]), 1)).to.match(/^csp-onprem: consistency failed: the head of .*: the head was signed by another key/);
    expect(expectOneLineFailure(await runBinary(['consistency', '--from', signedElsewhere, '--to', newer, '--store', path, '--public-key', key.publicKey]), 1)).to.match(
      /^csp-onprem: consistency refused: the head of .*: the head was signed by another key/,
    );
    expect(expectOneLineFailure(await runBinary(['consistency', '--from', newer, '--to', older, '--store', path]), 1)).to.equal(
      'csp-onprem: no consistency proof: the older head covers 15 events, more than the newer one (14): give the heads in the order they were taken',
    );
  });

  it('makes no consistency proof from a log rewritten since the older digest', async () => {
    const copy = file('rewritten.db');
    writeFileSync(copy, readFileSync(path));
    rewriteEvent(copy, positionOf(copy, 'Downloaded', 'SUB-A1'), (event) => {
      event.data['variant'] = { version: '2019', language: 'de-de', bitness: '64-bit' };
    });
    expect(expectOneLineFailure(await runBinary(['consistency', '--from', older, '--to', newer, '--store', copy]), 1)).to.match(
      /^csp-onprem: no consistency proof: the log's first 15 events no longer match the head of .*: the log was changed since, or the head is from another log/,
    );
  });

  it('proves one event (the customer\'s second view of a key) is in the signed log, checkable offline against the digest', async () => {
    const viewed = positionOf(path, 'KeyViewed', 'SUB-A1');
    const proof = file('inclusion.json');
    const made = expectSuccess(await runBinary(['prove', '--event', String(viewed), '--digest', newer, '--store', path, '--out', proof]));
    expect(made).to.match(new RegExp(`^inclusion proof of the event at position ${viewed} \\(leaf ${viewed - 1} of 15\\) in the head of .* \\(15 events up to position 15\\), \\d+ hash(es)?; written to `));
    const checked = expectSuccess(await runBinary(['prove', '--check', proof, '--digest', newer, '--public-key', key.publicKey]));
    expect(checked).to.match(new RegExp(`^inclusion: +ok: the event at position ${viewed} is in the log the head of .* \\(15 events up to position 15\\) covers \\(leaf ${viewed - 1} of 15\\)$`, 'm'));
    expect(checked).to.match(new RegExp(`^event: +position ${viewed}: version \\d+ of SUB-A1 \\(stream csp-software-.*/SUB-A1\\), record hash [0-9a-f]{64}$`, 'm'));
    expect(checked).to.match(/^signature: +ok: the head is signed with the --public-key given/m);
  });

  it('refuses an inclusion proof checked against another digest, one cut short, and an event after the digest', async () => {
    const proof = file('inclusion-2.json');
    expectSuccess(await runBinary(['prove', '--event', '15', '--digest', newer, '--store', path, '--out', proof]));
    const against = await runBinary(['prove', '--check', proof, '--digest', older]);
    expect(expectOneLineFailure(against, 1)).to.match(/^csp-onprem: inclusion failed: the proof is for another head or another log: it proves against 15 events with root .{12}\.\.\., the head of .* has 14 events/);
    expect(against.stdout).to.match(/^inclusion: +FAILED: /m);
    const text = readFileSync(proof, 'utf8');
    const cut = file('inclusion-cut.json');
    writeFileSync(cut, text.slice(0, text.length - 10));
    expect(expectOneLineFailure(await runBinary(['prove', '--check', cut, '--digest', newer]), 2)).to.include('is not JSON: it ends before its JSON does (truncated?)');
    const document = JSON.parse(text) as { path: string[] };
    const lost = file('inclusion-lost.json');
    writeFileSync(lost, JSON.stringify({ ...document, path: document.path.slice(0, -1) }));
    expect(expectOneLineFailure(await runBinary(['prove', '--check', lost, '--digest', newer]), 1)).to.match(/^csp-onprem: inclusion failed: the event at position 15 .* is not proven in the head of /);
    expect(expectOneLineFailure(await runBinary(['prove', '--event', '15', '--digest', older, '--store', path]), 1)).to.equal(
      'csp-onprem: no inclusion proof: position 15 is after the last event the head of ' + `${(JSON.parse(readFileSync(older, 'utf8')) as { timestamp: string }).timestamp} covers (position 14): prove it against a newer head`,
    );
  });

  it('never writes a proof over the store or its digest, nor over an existing file without --force', async () => {
    expect(expectOneLineFailure(await runBinary(['prove', '--event', '3', '--digest', newer, '--store', path, '--out', path, '--force']), 2)).to.include('it is the store being audited');
    expect(expectOneLineFailure(await runBinary(['prove', '--event', '3', '--digest', newer, '--store', path, '--out', newer, '--force']), 2)).to.equal(
      `csp-onprem: refusing to write ${newer}: the command reads it; nothing was written`,
    );
    expect(expectOneLineFailure(await runBinary(['consistency', '--from', older, '--to', newer, '--store', path, '--out', older]), 2)).to.include('the command reads it');
  });
});
