import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { makeTempDir, right, type TempDir } from './temp-files.js';

const APPEND_AND_LEAVE = fileURLToPath(new URL('./fixtures/append-and-leave.mjs', import.meta.url));
const run = promisify(execFile);

describe('the SQLite store committing on a worker thread', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  for (const commitOn of ['worker-thread', 'caller-thread'] as const) {
    it(`waits for its commit and then lets a process that never closes it end by itself (${commitOn})`, async () => {
      const path = dir.newDbPath();
      // A worker thread kept referenced while idle would hold the process open until the timeout kills it.
      const { stdout } = await run(process.execPath, [APPEND_AND_LEAVE, path, commitOn], { timeout: 20_000 });
      expect(stdout.trim()).to.equal('appended');
      const store = sqliteStore({ path });
      try {
        expect(right(await store.readStream('csp-software-leave')).map((event) => event.eventId)).to.deep.equal(['leave-1']);
      } finally {
        await store.close();
      }
    });
  }
});
