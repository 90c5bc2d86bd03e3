import { Worker } from 'node:worker_threads';
import type { AppendJob, AppendVerdict } from './append-batch.js';
import type { CommitReply, CommitRequest, CommitThreadReady } from './commit-worker.js';
import type { OpenOptions } from './open-database.js';

/** Commits batches of appends: on the caller's thread, or on a thread of its own. */
export interface BatchWriter {
  /** Commits the jobs as one transaction; resolves a verdict per job, or rejects when nothing of the batch was written. */
  write(jobs: readonly AppendJob[]): Promise<AppendVerdict[]>;
  /** Closes the writer's connection once the batch in flight has been answered. */
  close(): Promise<void>;
}

/** A writer on the caller's thread: the commit (and its fsync) holds the event loop. */
export function callerThreadWriter(write: (jobs: readonly AppendJob[]) => AppendVerdict[]): BatchWriter {
  return {
    write: async (jobs) => write(jobs),
    close: async () => undefined,
  };
}

interface Pending {
  readonly resolve: (verdicts: AppendVerdict[]) => void;
  readonly reject: (cause: Error) => void;
}

const WORKER_SCRIPT = new URL('./commit-worker.js', import.meta.url);

/**
 * A writer that owns its own connection on a worker thread, so the event loop goes on
 * deciding commands while a batch commits and syncs. The thread keeps the process alive only
 * while a batch is in flight. If it dies, every batch in flight and every later one is
 * rejected with the reason.
 */
export function commitThreadWriter(options: OpenOptions): BatchWriter {
  const worker = new Worker(WORKER_SCRIPT, { workerData: options });
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let broken: Error | undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  function breakWith(cause: Error): void {
    broken ??= cause;
    for (const waiting of pending.values()) waiting.reject(cause);
    pending.clear();
    worker.unref();
  }

  worker.on('message', (message: CommitReply | CommitThreadReady) => {
    if ('ready' in message) {
      if (!message.ready) breakWith(new Error(`the commit thread cannot open the file: ${message.failure}`));
      return;
    }
    const waiting = pending.get(message.id);
    if (waiting === undefined) return;
    pending.delete(message.id);
    if (pending.size === 0) worker.unref();
    if ('failure' in message) waiting.reject(new Error(message.failure));
    else waiting.resolve(message.verdicts);
  });
  worker.on('error', (cause) => breakWith(new Error(`the commit thread failed: ${cause.message}`)));
  worker.on('exit', (code) => breakWith(new Error(`the commit thread ended (exit code ${code})`)));

  return {
    write(jobs) {
      if (broken !== undefined) return Promise.reject(broken);
      return new Promise<AppendVerdict[]>((resolve, reject) => {
        const id = (nextId += 1);
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, jobs } satisfies CommitRequest);
      });
    },
    async close() {
      if (broken === undefined) {
        worker.ref();
        worker.postMessage('close');
      }
      await exited;
    },
  };
}
