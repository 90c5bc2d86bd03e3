import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, localKeyEncryptionKey } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { partnerAdmin, sqlVariant, STORY_KEK, writeAuditStory } from './support/audit-story.js';
import { expectOneLineFailure, runBinary } from './support/run-binary.js';

const NO_KEK = { CSP_ONPREM_KEY_ENCRYPTION_KEY: undefined };

describe('csp-onprem rotate-kek, run as a child process', function () {
  this.timeout(60_000);
  let dir: string;
  let path: string;
  let oldFile: string;
  let issued: string[];

  /** A KEK file holding `text`. */
  function kekFile(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-rotate-'));
    path = join(dir, 'audit.db');
    const store = sqliteStore({ path });
    issued = (await writeAuditStory(store)).productKeys;
    await store.close();
    oldFile = kekFile('old.kek', `${Buffer.alloc(32, 7).toString('base64')}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a KEK file of the wrong length, not in base64, or missing, in one line that never quotes the file', async () => {
    const short = randomBytes(16).toString('base64');
    const cases: [string, RegExp][] = [
      [kekFile('short.kek', short), /is unusable: a key-encryption key must be 32 bytes in base64; this is 16 bytes/],
      [kekFile('garbage.kek', 'not base64 at all!'), /is unusable: .*this is not base64/],
      [join(dir, 'missing.kek'), /does not exist/],
    ];
    for (const [file, reason] of cases) {
      const line = expectOneLineFailure(await runBinary(['rotate-kek', '--store', path, '--kek-file', oldFile, '--next-kek-file', file], NO_KEK), 2);
      expect(line).to.match(reason).and.not.include(short);
    }
  });

  it('needs the current KEK, from --kek-file or the environment', async () => {
    const next = kekFile('next-unused.kek', randomBytes(32).toString('base64'));
    expect(expectOneLineFailure(await runBinary(['rotate-kek', '--store', path, '--next-kek-file', next], NO_KEK), 2)).to.include('needs the current key-encryption key');
  });

  it('refuses a current KEK that did not wrap the keys with KeyEncryptionKeyMismatch, changing nothing', async () => {
    const stranger = kekFile('stranger.kek', randomBytes(32).toString('base64'));
    const next = kekFile('next-never.kek', randomBytes(32).toString('base64'));
    const line = expectOneLineFailure(await runBinary(['rotate-kek', '--store', path, '--kek-file', stranger, '--next-kek-file', next], NO_KEK), 1);
    expect(line).to.include('KeyEncryptionKeyMismatch');
    const engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: STORY_KEK });
    try {
      const still = await engine.as(partnerAdmin).execute({ type: 'GetKey', commandId: 'still-old', subscriptionId: 'SUB-B1', variant: sqlVariant });
      expect(E.isRight(still) && still.right.productKey).to.be.oneOf(issued);
    } finally {
      await engine.close();
    }
  });

  it('rewraps every data key under the next KEK, taking the current one from the environment, after which only the next one shows the keys', async () => {
    const secret = randomBytes(32);
    const next = kekFile('next.kek', secret.toString('base64'));
    const run = await runBinary(['rotate-kek', '--store', `sqlite:${path}`, '--next-kek-file', next], { CSP_ONPREM_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect({ code: run.code, stderr: run.stderr }).to.deep.equal({ code: 0, stderr: '' });
    expect(run.stdout).to.match(/rotate-kek on sqlite:.*: 2 data key\(s\) rewrapped from local:[0-9a-f]{24} to local:[0-9a-f]{24}\./);
    expect(run.stdout).to.not.include(secret.toString('base64'));
    const engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: localKeyEncryptionKey(secret) });
    try {
      const shown = await engine.as(partnerAdmin).execute({ type: 'GetKey', commandId: 'after-rotation', subscriptionId: 'SUB-B1', variant: sqlVariant });
      expect(E.isRight(shown) && shown.right.productKey).to.be.oneOf(issued);
    } finally {
      await engine.close();
    }
    const again = await runBinary(['rotate-kek', '--store', path, '--kek-file', oldFile, '--next-kek-file', next], NO_KEK);
    expect(again.stdout, 'running it again finds every key already rotated').to.include('0 data key(s) rewrapped').and.include('2 already under it');
  });
});
