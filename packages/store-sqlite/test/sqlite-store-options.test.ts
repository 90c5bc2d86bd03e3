import { expect } from 'chai';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { makeTempDir, type TempDir } from './temp-files.js';

describe('the SQLite store options', () => {
  let dir: TempDir;
  before(() => {
    dir = makeTempDir();
  });
  after(() => dir.remove());

  it('refuses a misspelt option at construction, naming the key it most likely meant, instead of ignoring it', () => {
    expect(() => sqliteStore({ path: dir.newDbPath(), readonly: true } as never)).to.throw(RangeError, "sqliteStore's options: unknown key readonly (did you mean readOnly?). Known keys: path, busyTimeoutMs, synchronous, createIfMissing, readOnly.");
  });

  it('takes every option it documents', async () => {
    const store = sqliteStore({ path: dir.newDbPath(), busyTimeoutMs: 100, synchronous: 'NORMAL', createIfMissing: true, readOnly: false });
    await store.close();
  });
});
