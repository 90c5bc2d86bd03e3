import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { recordHash, GENESIS_HASH, type StoredEvent } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { makeTempDir, right, type TempDir } from './temp-files.js';

const WORKER = fileURLToPath(new URL('./fixtures/append-worker.mjs', import.meta.url));

interface WorkerReport {
  readonly kind: 'ready' | 'done' | 'failed';
  readonly workerId: string;
  readonly appended?: number;
  readonly conflicts?: number;
  readonly message?: string;
}

interface RunningWorker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly finished: Promise<WorkerReport>;
}

function startWorker(path: string, workerId: string, streams: readonly string[], count: number): RunningWorker {
  // execArgv [] so the child runs plain Node on the built package, not the test loader.
  const child = fork(WORKER, [path, workerId, streams.join(','), String(count)], { execArgv: [], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let report: WorkerReport | undefined;
  const ready = new Promise<void>((resolve) => {
    child.on('message', (message: WorkerReport) => {
      if (message.kind === 'ready') resolve();
      else report = message;
    });
  });
  const finished = new Promise<WorkerReport>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && report?.kind === 'done') resolve(report);
      else reject(new Error(`worker ${workerId} exited with ${code}: ${report?.message ?? ''} ${stderr}`));
    });
  });
  return { child, ready, finished };
}

describe('several OS processes appending to one SQLite file', () => {
  let dir: TempDir;
  const workers: RunningWorker[] = [];

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    for (const { child } of workers.splice(0)) if (child.exitCode === null) child.kill();
    dir.remove();
  });

  it('loses no event, duplicates no version and keeps every stream a gapless, intact chain', async () => {
    const path = dir.newDbPath();
    const streams = ['csp-software-shared-1', 'csp-software-shared-2', 'csp-software-shared-3'];
    const workerIds = ['w1', 'w2', 'w3'];
    const perWorker = 40;

    workers.push(...workerIds.map((id) => startWorker(path, id, streams, perWorker)));
    await Promise.all(workers.map((worker) => worker.ready));
    // All processes open the new file (and race to create its schema) only after "go".
    for (const { child } of workers) child.send('go');
    const reports = await Promise.all(workers.map((worker) => worker.finished));
    expect(reports.map((report) => report.appended)).to.deep.equal(workerIds.map(() => perWorker));

    const store = sqliteStore({ path });
    const all: StoredEvent[] = right(await store.readAll({ after: 0, limit: 10_000 }));
    await store.close();

    const expectedIds = workerIds.flatMap((id) => Array.from({ length: perWorker }, (_, seq) => `${id}-${seq}`)).sort();
    expect(all.map((event) => event.eventId).sort(), 'every appended event is stored exactly once').to.deep.equal(expectedIds);
    expect(new Set(all.map((event) => event.position)).size, 'positions are unique').to.equal(all.length);
    for (let index = 1; index < all.length; index += 1) {
      expect((all[index] as StoredEvent).position).to.be.greaterThan((all[index - 1] as StoredEvent).position);
    }

    for (const streamId of streams) {
      const stream = all.filter((event) => event.streamId === streamId);
      expect(stream.map((event) => event.version), `${streamId} versions run 1..n`).to.deep.equal(stream.map((_, index) => index + 1));
      let prevHash = GENESIS_HASH;
      for (const event of stream) {
        expect(event.prevHash, `${streamId} v${event.version} links to the event before it`).to.equal(prevHash);
        expect(recordHash(event)).to.equal(event.hash);
        prevHash = event.hash;
      }
      for (const workerId of workerIds) {
        const seqs = stream.filter((event) => event.eventId.startsWith(`${workerId}-`)).map((event) => (event.data as { seq: number }).seq);
        expect(seqs, `${workerId}'s events in ${streamId} keep the order it wrote them in`).to.deep.equal([...seqs].sort((a, b) => a - b));
      }
    }
  });
});
