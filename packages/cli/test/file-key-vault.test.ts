import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { fileKeyVault, readVaultFile } from '@csp-onprem/cli';
import { createEngine, inMemoryStore, inProcessVault } from '@csp-onprem/engine';

const contoso = '22222222-2222-4222-8222-222222222222';
const fabrikam = '33333333-3333-4333-8333-333333333333';

function base64(key: Uint8Array | undefined): string | undefined {
  return key === undefined ? undefined : Buffer.from(key).toString('base64');
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (cause) {
    if (cause instanceof Error) return cause;
    throw new Error(`rejected with a non-Error: ${String(cause)}`);
  }
  throw new Error('expected a rejection, but it resolved');
}

describe('fileKeyVault, a development key vault in a JSON file', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-vault-'));
    path = join(dir, 'keys.vault.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates no file until it makes a key, then creates it with mode 0600', async () => {
    const vault = fileKeyVault({ path });
    expect(await vault.existingDataKey(`${contoso}/nothing`)).to.equal(undefined);
    expect(await vault.isDestroyed?.(`${contoso}/nothing`)).to.equal(false);
    expect(existsSync(path), 'reading made no file').to.equal(false);
    const made = await vault.dataKeyFor(contoso);
    expect(made.key).to.have.length(32);
    expect(statSync(path).mode & 0o777).to.equal(0o600);
  });

  it('keeps one current key per tenant that another instance over the same file reads back', async () => {
    const first = await fileKeyVault({ path }).dataKeyFor(contoso);
    const other = fileKeyVault({ path });
    const again = await other.dataKeyFor(contoso);
    expect(again.keyId).to.equal(first.keyId);
    expect(base64(again.key)).to.equal(base64(first.key));
    expect(base64(await other.existingDataKey(first.keyId))).to.equal(base64(first.key));
    const second = await other.dataKeyFor(fabrikam);
    expect(second.keyId).to.not.equal(first.keyId);
    expect(base64(second.key)).to.not.equal(base64(first.key));
    expect(Object.keys(readVaultFile(path).keys)).to.have.members([first.keyId, second.keyId]);
  });

  it("destroys every key of the tenant for every instance, leaves other tenants' keys, and makes a new key on next use", async () => {
    const writer = fileKeyVault({ path });
    const old = await writer.dataKeyFor(contoso);
    const kept = await writer.dataKeyFor(fabrikam);
    const oldBytes = base64(old.key) ?? '';
    await writer.destroyDataKey(contoso.toUpperCase());
    const reader = fileKeyVault({ path });
    expect(await reader.existingDataKey(old.keyId)).to.equal(undefined);
    expect(await reader.isDestroyed?.(old.keyId)).to.equal(true);
    expect(base64(await reader.existingDataKey(kept.keyId))).to.equal(base64(kept.key));
    expect(await reader.isDestroyed?.(kept.keyId)).to.equal(false);
    expect(readFileSync(path, 'utf8'), 'the destroyed key bytes are gone from the file').to.not.include(oldBytes);
    const fresh = await reader.dataKeyFor(contoso);
    expect(fresh.keyId).to.not.equal(old.keyId);
    expect(base64(fresh.key)).to.not.equal(oldBytes);
    expect(await reader.isDestroyed?.(old.keyId), 'a new key does not bring the old one back').to.equal(true);
  });

  it('counts as destroyed only the keys it destroyed, not keys another vault made', async () => {
    const foreign = await inProcessVault().dataKeyFor(contoso);
    const vault = fileKeyVault({ path });
    await vault.dataKeyFor(contoso);
    await vault.destroyDataKey(contoso);
    expect(await vault.existingDataKey(foreign.keyId)).to.equal(undefined);
    expect(await vault.isDestroyed?.(foreign.keyId)).to.equal(false);
  });

  it('replaces the file by renaming a temporary file beside it, leaving no temporary file behind', async () => {
    const vault = fileKeyVault({ path });
    await vault.dataKeyFor(contoso);
    // Held open, the old file keeps its inode, so a rename shows as a different inode at the path.
    const old = openSync(path, 'r');
    try {
      const oldText = readFileSync(path, 'utf8');
      await vault.dataKeyFor(fabrikam);
      await vault.destroyDataKey(contoso);
      expect(statSync(path).ino, 'a new file took the old one by rename').to.not.equal(fstatSync(old).ino);
      expect(readFileSync(old, 'utf8'), 'the old file was never rewritten in place').to.equal(oldText);
    } finally {
      closeSync(old);
    }
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(readdirSync(dir)).to.deep.equal(['keys.vault.json']);
  });

  it('rejects every call with one line naming a malformed file, and leaves the file as it was', async () => {
    const vault = fileKeyVault({ path });
    const cases: readonly [string, string][] = [
      ['{ not json', 'not JSON'],
      ['{"format":"something-else"}', 'format is not csp-onprem-dev-vault/1'],
      [JSON.stringify({ format: 'csp-onprem-dev-vault/1', current: {}, keys: { k: { tenantId: contoso, key: 'c2hvcnQ=' } }, destroyed: [] }), 'keys.k.key is not 32 bytes of base64'],
    ];
    for (const [text, why] of cases) {
      writeFileSync(path, text);
      const calls = [vault.dataKeyFor(contoso), vault.existingDataKey('k'), vault.destroyDataKey(contoso), vault.isDestroyed?.('k')];
      for (const call of calls) {
        const error = await rejection(Promise.resolve(call));
        expect(error.message).to.include(`the vault file ${path} is malformed`).and.include(why);
        expect(error.message).to.not.include('\n');
      }
      expect(readFileSync(path, 'utf8')).to.equal(text);
    }
  });

  it('never quotes a damaged file\'s text in its error, which may be a data key\'s bytes', async () => {
    const key = 'q83vEjRWeJabcdefghijklmnopqrstuvwxyz012345=';
    writeFileSync(path, `{"format":"csp-onprem-dev-vault/1","current":{},"keys":{"k":{"tenantId":"${contoso}","key":${key}}},"destroyed":[]}`);
    const error = await rejection(fileKeyVault({ path }).existingDataKey('k'));
    expect(error.message).to.include('is malformed: not JSON');
    expect(error.message).to.not.include(key.slice(0, 6));
  });

  it('makes engine.forgetTenant answer StoreUnavailable when its file is malformed', async () => {
    writeFileSync(path, '[]');
    const engine = createEngine({ store: inMemoryStore(), vault: fileKeyVault({ path }), persistProjections: false });
    try {
      const forgotten = await engine.forgetTenant(contoso);
      expect(E.isLeft(forgotten) ? forgotten.left : 'forgotten').to.deep.include({ code: 'StoreUnavailable' });
      expect(E.isLeft(forgotten) ? forgotten.left.message : '').to.include('key vault').and.include('is malformed');
    } finally {
      await engine.close();
    }
  });
});
