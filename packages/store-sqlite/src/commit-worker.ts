import { parentPort, workerData } from 'node:worker_threads';
import { appendBatchWriter, type AppendJob, type AppendVerdict } from './append-batch.js';
import { openDatabase, type OpenOptions } from './open-database.js';

/** A batch sent to the commit thread. */
export interface CommitRequest {
  readonly id: number;
  readonly jobs: readonly AppendJob[];
}

/** The commit thread's answer to a batch: a verdict per append, or why the batch as a whole failed. */
export type CommitReply = { readonly id: number; readonly verdicts: AppendVerdict[] } | { readonly id: number; readonly failure: string };

/** The first message of the commit thread: whether its connection opened. */
export type CommitThreadReady = { readonly ready: true } | { readonly ready: false; readonly failure: string };

// The thread that owns the store's write connection: its commits (and their fsync) run here
// while the caller's thread goes on deciding the next commands.
const port = parentPort;
if (port === null) throw new Error('commit-worker.js runs only as a worker thread');

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

try {
  const db = openDatabase(workerData as OpenOptions);
  const write = appendBatchWriter(db);
  port.on('message', (message: CommitRequest | 'close') => {
    if (message === 'close') {
      db.close();
      port.close();
      return;
    }
    let reply: CommitReply;
    try {
      reply = { id: message.id, verdicts: write(message.jobs) };
    } catch (cause) {
      reply = { id: message.id, failure: messageOf(cause) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies CommitThreadReady);
} catch (cause) {
  port.postMessage({ ready: false, failure: messageOf(cause) } satisfies CommitThreadReady);
  port.close();
}
