import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { startLocalTsa, type LocalTsa } from '../../audit/test/local-tsa.js';
import { appendMore, writeAuditStoryFile } from './support/audit-story.js';
import { ed25519KeyFiles, type KeyFiles } from './support/key-files.js';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';

interface DigestFile {
  treeSize: number;
  position: number;
  root: string;
  timestamp?: string;
  keyId?: string;
  signature?: string;
  timestampToken?: string;
  streams: unknown[];
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const readDigest = (file: string): DigestFile => JSON.parse(readFileSync(file, 'utf8')) as DigestFile;

describe('csp-onprem digest --sign --tsa-url and verify --public-key --tsa-cert, as child processes with a real openssl TSA', function () {
  this.timeout(120_000);
  let dir: string;
  let tsa: LocalTsa;
  let auditorKey: KeyFiles;
  let otherKey: KeyFiles;
  let tsaCert: string;
  let otherTsaCert: string;
  let count = 0;

  async function freshLog(): Promise<string> {
    count += 1;
    const path = join(dir, `log-${count}.db`);
    await writeAuditStoryFile(path);
    return path;
  }

  const fileIn = (name: string): string => join(dir, `${count}-${name}`);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-signed-'));
    tsa = await startLocalTsa();
    auditorKey = ed25519KeyFiles(dir, 'auditor');
    otherKey = ed25519KeyFiles(dir, 'other');
    tsaCert = join(dir, 'tsa.pem');
    otherTsaCert = join(dir, 'other-tsa.pem');
    writeFileSync(tsaCert, tsa.certificates.ec);
    writeFileSync(otherTsaCert, tsa.certificates.other);
  });

  after(async () => {
    await tsa?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs the tree head with --sign, and verify --public-key checks the signature and the log against it; the private key appears nowhere', async () => {
    const path = await freshLog();
    const head = fileIn('head.json');
    const digest = await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--out', head]);
    expect({ code: digest.code, stderr: digest.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(digest.stdout).to.match(/: 14 events in 3 streams up to position 14, root [A-Za-z0-9+/]{43}=; signed at \d{4}-\d\d-\d\dT[\d:.]+Z with key id [0-9a-f]{16}\.\.\.; written to /);
    const written = readDigest(head);
    expect(written).to.include({ treeSize: 14, position: 14 });
    expect(written.keyId).to.match(/^[0-9a-f]{64}$/);
    expect(Buffer.from(written.signature ?? '', 'base64')).to.have.length(64);
    expect(written.streams).to.have.length(3);

    const run = await runBinary(['verify', '--store', path, '--digest', head, '--public-key', auditorKey.publicKey]);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.match(/^digest: +ok: .*head\.json \(signed tree head of \d+ \w+ \d{4} \d\d:\d\d UTC: 14 events up to position 14, root .{16}\.\.\.\) matches the log$/m);
    expect(run.stdout).to.match(new RegExp(`^signature: +ok: signed at .* by key id ${written.keyId?.slice(0, 16) ?? ''}\\.\\.\\., the --public-key given$`, 'm'));
    expect(run.stdout).to.match(/^verify: ok$/m);
    const keyBody = auditorKey.privatePem.split('\n')[1] ?? '';
    for (const text of [digest.stdout, digest.stderr, run.stdout, readFileSync(head, 'utf8')]) expect(text).to.not.include(keyBody);
  });

  it('says a signed digest\'s signature was not checked when no --public-key is given', async () => {
    const path = await freshLog();
    const head = fileIn('head.json');
    expect((await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--out', head])).code).to.equal(0);
    const run = await runBinary(['verify', '--store', path, '--digest', head]);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/^signature: +NOT CHECKED: signed at .* by key id [0-9a-f]{16}\.\.\., not checked: give --public-key$/m);
  });

  it('refuses a head signed by another key, a head edited after signing, and an unsigned head where a signature is asked for: exit 1, never ok', async () => {
    const path = await freshLog();
    const head = fileIn('head.json');
    expect((await runBinary(['digest', '--store', path, '--sign', otherKey.privateKey, '--out', head])).code).to.equal(0);
    const other = await runBinary(['verify', '--store', path, '--digest', head, '--public-key', auditorKey.publicKey]);
    expect(expectOneLineFailure(other, 1)).to.match(
      /^csp-onprem: verify failed: the digest .*head\.json is not the auditor's: the head was signed by another key \(key id [0-9a-f]{16}\.\.\.\), not the one given \(key id [0-9a-f]{16}\.\.\.\)$/,
    );
    expect(other.stdout).to.match(/^signature: +FAILED: the head was signed by another key/m).and.match(/^verify: FAILED$/m).and.not.match(/^verify: ok$/m);

    const edited = fileIn('edited.json');
    expect((await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--out', edited])).code).to.equal(0);
    const document = readDigest(edited);
    writeFileSync(edited, JSON.stringify({ ...document, timestamp: '2020-01-01T00:00:00.000Z' }));
    expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', edited, '--public-key', auditorKey.publicKey]), 1)).to.include(
      'the signature does not match the head: its size, position, root, time or stream heads were changed after signing',
    );

    const unsigned = fileIn('unsigned.json');
    expect((await runBinary(['digest', '--store', path, '--out', unsigned])).code).to.equal(0);
    expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', unsigned, '--public-key', auditorKey.publicKey]), 1)).to.include(
      'the digest is not signed, so it cannot be checked against --public-key: anyone could have written it',
    );
  });

  it('timestamps the signed head with the TSA of --tsa-url, and verify --tsa-cert checks the token against the TSA certificate', async () => {
    const path = await freshLog();
    const head = fileIn('stamped.json');
    const digest = await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--tsa-url', tsa.url('ec'), '--tsa-cert', tsaCert, '--out', head]);
    expect({ code: digest.code, stderr: digest.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(digest.stdout).to.match(/; timestamped by http:\/\/127\.0\.0\.1:\d+ at \d{4}-[\d-]+T[\d:.]+Z \(token checked against --tsa-cert\); written to /);
    expect(readDigest(head).timestampToken).to.match(/^[A-Za-z0-9+/]+=*$/);
    const run = await runBinary(['verify', '--store', path, '--digest', head, '--public-key', auditorKey.publicKey, '--tsa-cert', tsaCert]);
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.match(/^timestamp: +ok: the TSA of --tsa-cert dates the signed digest at \d{4}-[\d-]+T[\d:.]+Z \(token serial [0-9a-f]+, policy 1\.2\.3\.4\.1\)$/m);
    const json = JSON.parse((await runBinary(['verify', '--store', path, '--digest', head, '--tsa-cert', tsaCert, '--json'])).stdout) as { digest: { timestamp: { status: string }; signature: { status: string } } };
    expect(json.digest.timestamp.status).to.equal('ok');
    expect(json.digest.signature.status).to.equal('not-checked');
  });

  it('refuses a TSA token for another digest, a token checked against another TSA\'s certificate, and a digest without a token when --tsa-cert asks for one', async () => {
    const path = await freshLog();
    const first = fileIn('first.json');
    const second = fileIn('second.json');
    for (const file of [first, second]) expect((await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--tsa-url', tsa.url('rsa'), '--out', file])).code).to.equal(0);
    // The second digest, carrying the first one's token.
    writeFileSync(second, JSON.stringify({ ...readDigest(second), timestampToken: readDigest(first).timestampToken }));
    writeFileSync(tsaCert.replace('tsa.pem', 'rsa-tsa.pem'), tsa.certificates.rsa);
    const rsaCert = tsaCert.replace('tsa.pem', 'rsa-tsa.pem');
    const transplanted = await runBinary(['verify', '--store', path, '--digest', second, '--tsa-cert', rsaCert]);
    expect(expectOneLineFailure(transplanted, 1)).to.match(/is not anchored in time: the timestamp token is for another digest: the token stamps other bytes/);
    expect(transplanted.stdout).to.match(/^timestamp: +FAILED: /m).and.match(/^verify: FAILED$/m);

    const otherTsa = await runBinary(['verify', '--store', path, '--digest', first, '--tsa-cert', otherTsaCert]);
    expect(expectOneLineFailure(otherTsa, 1)).to.include('the token was signed by another certificate');

    const unstamped = fileIn('unstamped.json');
    expect((await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--out', unstamped])).code).to.equal(0);
    expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', unstamped, '--tsa-cert', rsaCert]), 1)).to.include('the digest carries no timestamp token to check against --tsa-cert');
  });

  it('writes no digest when the TSA answers an error or cannot be reached, naming it by its origin only (never its password)', async () => {
    const path = await freshLog();
    const head = fileIn('never.json');
    const withPassword = tsa.url('error').replace('http://', 'http://auditor:hunter2secret@');
    const urlFile = fileIn('tsa-url.txt');
    writeFileSync(urlFile, `${withPassword}\n`);
    const failed = await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--tsa-url-file', urlFile, '--out', head]);
    expect(expectOneLineFailure(failed, 1)).to.match(/^csp-onprem: no timestamp, so no digest was written: the TSA at http:\/\/127\.0\.0\.1:\d+ answered HTTP 503$/);
    expect(failed.stdout + failed.stderr).to.not.include('hunter2secret');
    expect(existsSync(head)).to.equal(false);
    const port = await closedPort();
    const unreachable = await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--tsa-url', `http://127.0.0.1:${port}/tsr`, '--out', head]);
    expect(expectOneLineFailure(unreachable, 1)).to.equal(`csp-onprem: no timestamp, so no digest was written: could not reach the TSA at http://127.0.0.1:${port}: ECONNREFUSED`);
    expect(existsSync(head)).to.equal(false);
  });

  it('refuses a --sign file that is not an Ed25519 private key in one line that never quotes it (exit 2)', async () => {
    const path = await freshLog();
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);
    expect(expectOneLineFailure(await runBinary(['digest', '--store', path, '--sign', rsa]), 2)).to.equal('csp-onprem: --sign: the signing key is an rsa key; tree heads are signed with Ed25519');
    const run = await runBinary(['digest', '--store', path, '--sign', auditorKey.publicKey]);
    expect(expectOneLineFailure(run, 2)).to.equal('csp-onprem: --sign: the signing key is not a PEM private key');
    // Before the store is opened, let alone read: a store that does not exist is not what it names.
    const early = await runBinary(['digest', '--store', `sqlite:${join(dir, 'no-such.db')}`, '--sign', rsa]);
    expect(expectOneLineFailure(early, 2)).to.equal('csp-onprem: --sign: the signing key is an rsa key; tree heads are signed with Ed25519');
    expect(expectOneLineFailure(await runBinary(['verify', '--store', path, '--digest', fileIn('none.json'), '--public-key', auditorKey.publicKey]), 2)).to.include('cannot read the digest file');
  });

  it('names a digest from another log as such: none of the purchases it names is in this log as recorded', async () => {
    const mine = await freshLog();
    const head = fileIn('mine.json');
    expect((await runBinary(['digest', '--store', mine, '--sign', auditorKey.privateKey, '--out', head])).code).to.equal(0);
    const theirs = await freshLog();
    const run = await runBinary(['verify', '--store', theirs, '--digest', head, '--public-key', auditorKey.publicKey]);
    expect(expectOneLineFailure(run, 1)).to.match(
      /^csp-onprem: verify failed: your digest of .* UTC, position 14 does not describe this log: none of the 3 purchases it names is in the log as recorded \(the digest is from another log, or the log was replaced\) \(and 3 more findings: see above\)$/,
    );
    expect(run.stdout).to.match(/^ {2}- SUB-A1 \(order ORD-A, contoso\.example\): its history was rewritten since your digest of/m).and.match(/^verify: FAILED$/m);
  });

  it('accepts its digest after the log grew, and never writes over the store or, without --force, over an existing file', async () => {
    const path = await freshLog();
    const head = fileIn('grown.json');
    expect((await runBinary(['digest', '--store', path, '--sign', auditorKey.privateKey, '--out', head])).code).to.equal(0);
    const store = sqliteStore({ path });
    await appendMore(store);
    await store.close();
    expect((await runBinary(['verify', '--store', path, '--digest', head, '--public-key', auditorKey.publicKey])).code).to.equal(0);

    const before = readFileSync(head, 'utf8');
    expect(expectOneLineFailure(await runBinary(['digest', '--store', path, '--out', head]), 2)).to.equal(`csp-onprem: ${head} already exists: give --force to replace it (nothing was written)`);
    expect(readFileSync(head, 'utf8')).to.equal(before);
    expect((await runBinary(['digest', '--store', path, '--out', head, '--force'])).code).to.equal(0);
    expect(readDigest(head).treeSize).to.equal(15);

    const storeBytes = createHash('sha256').update(readFileSync(path)).digest('hex');
    for (const args of [['--out', path, '--force'], ['--out', path]]) {
      expect(expectOneLineFailure(await runBinary(['digest', '--store', path, ...args]), 2)).to.equal(`csp-onprem: refusing to write ${path}: it is the store being audited (or one of its files); nothing was written`);
    }
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).to.equal(storeBytes);
    expect(expectOneLineFailure(await runBinary(['digest', '--store', path, '--out', `${path}-wal`, '--force']), 2)).to.include('it is the store being audited');
  });
});
