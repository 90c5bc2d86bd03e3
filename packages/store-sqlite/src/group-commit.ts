/** How a group commit runs a batch of queued jobs and answers each of them. */
export interface GroupCommitOptions<J, R> {
  /** The most jobs one flush runs; the rest wait for the next flush. */
  readonly maxBatch: number;
  /** Runs the jobs as one durable unit and resolves one result per job, in order; rejects when the unit as a whole failed. */
  readonly run: (jobs: readonly J[]) => Promise<readonly R[]>;
  /** The answer each job of a batch gets when `run` failed. */
  readonly failed: (job: J, cause: unknown) => R;
}

/** A queue of jobs that share one commit: every job submitted while the previous commit runs, or in one event-loop turn, runs in the same flush. */
export interface GroupCommit<J, R> {
  /** Queues a job; resolves with its result once the flush that ran it has returned. */
  submit(job: J): Promise<R>;
  /** Resolves once every job queued so far has run and been answered. */
  drained(): Promise<void>;
}

interface Waiting<J, R> {
  readonly job: J;
  readonly answer: (result: R) => void;
}

/**
 * Batches jobs for one writer, one flush at a time. The first job into an idle queue schedules
 * a flush with `setImmediate`, which runs after the microtasks of the current turn: callers
 * that resume from promises in that turn (concurrent commands) all join the batch. Jobs
 * submitted while a flush runs (on a writer thread) wait for the next one, which starts a turn
 * after it returns, so the callers it answered can join it too. Every promise settles (never
 * rejects) once `run` has resolved or rejected, so none can hang while the queue drains.
 */
export function groupCommit<J, R>({ maxBatch, run, failed }: GroupCommitOptions<J, R>): GroupCommit<J, R> {
  if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be an integer >= 1, not ${String(maxBatch)}`);
  let queue: Waiting<J, R>[] = [];
  let scheduled = false;
  let running: Promise<void> | undefined;

  async function flush(batch: readonly Waiting<J, R>[]): Promise<void> {
    let results: readonly R[];
    try {
      results = await run(batch.map((waiting) => waiting.job));
    } catch (cause) {
      for (const waiting of batch) waiting.answer(failed(waiting.job, cause));
      return;
    }
    batch.forEach((waiting, index) => {
      // A `run` that answers fewer jobs than it was given is a bug; its callers must still hear back.
      waiting.answer(index < results.length ? (results[index] as R) : failed(waiting.job, new Error('the batch returned no result for this job')));
    });
  }

  function start(): void {
    const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
    queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
    running = flush(batch).finally(() => {
      running = undefined;
      schedule();
    });
  }

  function flushScheduled(): void {
    scheduled = false;
    if (running === undefined && queue.length > 0) start();
  }

  function schedule(): void {
    if (scheduled || running !== undefined || queue.length === 0) return;
    scheduled = true;
    setImmediate(flushScheduled);
  }

  return {
    submit(job) {
      return new Promise<R>((answer) => {
        queue.push({ job, answer });
        schedule();
      });
    },
    async drained() {
      while (running !== undefined || queue.length > 0) {
        if (running === undefined) start();
        await running;
      }
    },
  };
}
