import type { DataKeyStore } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { describeDataKeyStoreContract } from '@csp-onprem/testing';
import { makeTempDir, type TempDir } from './temp-files.js';

describe("the SQLite store's data keys against the DataKeyStore contract", () => {
  let dir: TempDir;
  let path: string;

  before(() => {
    dir = makeTempDir();
  });
  beforeEach(() => {
    path = dir.newDbPath();
  });
  after(() => {
    dir.remove();
  });

  const openAt = async () => {
    const store = sqliteStore({ path });
    return { dataKeys: store.dataKeys as DataKeyStore, close: () => store.close() };
  };
  describeDataKeyStoreContract('SQLite (one temp file per test, a second handle on it)', openAt, { openAgain: openAt });
});
