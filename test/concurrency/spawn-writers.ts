import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandOutcome } from './outcomes.js';
import type { WriterJob, WriterMessage } from './writer-job.js';

const WORKER = fileURLToPath(new URL('./workers/writer-process.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a run of writer processes gave back. */
export interface WritersRun {
  readonly outcomes: CommandOutcome[];
  /** From the common start signal to the last writer done. */
  readonly wallMs: number;
}

interface Running {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly done: Promise<void>;
}

function start(job: WriterJob): Running {
  const child = fork(WORKER, [JSON.stringify(job)], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let finished = false;
  const exited = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (code === 0 && finished) resolve();
      else reject(new Error(`writer ${job.plan.writer} ended with ${signal ?? `exit code ${String(code)}`} before it was done:\n${stderr}`));
    });
  });
  const message = (type: WriterMessage['type']): Promise<void> =>
    Promise.race([
      new Promise<void>((resolve) => {
        child.on('message', (received: WriterMessage) => {
          if (received.type !== type) return;
          if (type === 'done') finished = true;
          resolve();
        });
      }),
      exited,
    ]);
  const ready = message('ready');
  const done = message('done').then(() => exited);
  // The run awaits these in turn; marking them handled keeps an early failure from also
  // surfacing as an unhandled rejection of a promise nobody reached yet.
  for (const promise of [exited, ready, done]) promise.catch(() => undefined);
  return { child, ready, done };
}

/**
 * Forks one OS process per job, lets them all open the store, starts them together and waits
 * until every one has logged its outcomes and exited cleanly. A failed writer fails the run
 * (with its stderr) after the others are stopped.
 */
export async function runWriterProcesses(jobs: readonly WriterJob[]): Promise<WritersRun> {
  const running = jobs.map(start);
  try {
    await Promise.all(running.map((writer) => writer.ready));
    const started = performance.now();
    for (const writer of running) writer.child.send('go');
    await Promise.all(running.map((writer) => writer.done));
    const wallMs = performance.now() - started;
    const outcomes = jobs.flatMap((job) =>
      readFileSync(job.outcomesFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as CommandOutcome),
    );
    return { outcomes, wallMs };
  } finally {
    for (const writer of running) if (writer.child.exitCode === null && writer.child.signalCode === null) writer.child.kill('SIGKILL');
  }
}
