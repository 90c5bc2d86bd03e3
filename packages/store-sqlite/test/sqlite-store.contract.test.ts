import type { EventStore } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { describeEventStoreContract } from '@csp-onprem/testing';
import { makeTempDir, type TempDir } from './temp-files.js';

describe('the SQLite store against the EventStore contract', () => {
  let dir: TempDir;
  const paths = new Map<EventStore, string>();

  before(() => {
    dir = makeTempDir();
  });

  after(() => {
    dir.remove();
  });

  function openAt(path: string): EventStore {
    const store = sqliteStore({ path });
    paths.set(store, path);
    return store;
  }

  describeEventStoreContract('SQLite (one temp file per test)', async () => openAt(dir.newDbPath()), {
    projectionState: true,
    reopen: async (closed) => {
      const path = paths.get(closed);
      if (path === undefined) throw new Error('reopen was given a store this test did not open');
      return openAt(path);
    },
  });
});
