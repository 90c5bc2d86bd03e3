/** How a group commit runs a batch of queued jobs and answers each of them. */
export interface GroupCommitOptions<J, R> {
  /** The most jobs one flush runs; the rest wait for the next flush, after the event loop had a turn. */
  readonly maxBatch: number;
  /** Runs the jobs as one durable unit and returns one result per job, in order; throws when the unit as a whole failed. */
  readonly run: (jobs: readonly J[]) => readonly R[];
  /** The answer each job of a batch gets when `run` threw. */
  readonly failed: (job: J, cause: unknown) => R;
}

/** A queue of jobs that share one commit: every job submitted in one event-loop turn runs in the same flush. */
export interface GroupCommit<J, R> {
  /** Queues a job; resolves with its result once the flush that ran it has returned. */
  submit(job: J): Promise<R>;
  /** Runs every queued job now, synchronously, in flushes of at most `maxBatch`. */
  drain(): void;
}

interface Waiting<J, R> {
  readonly job: J;
  readonly answer: (result: R) => void;
}

/**
 * Batches jobs for one synchronous writer. The first job into an empty queue schedules a flush
 * with `setImmediate`, which runs after the microtasks of the current turn: callers that resume
 * from promises in that turn (concurrent commands) all join the batch. Every promise settles
 * (never rejects) once `run` has returned or thrown, so none can hang while the queue drains.
 */
export function groupCommit<J, R>({ maxBatch, run, failed }: GroupCommitOptions<J, R>): GroupCommit<J, R> {
  if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be an integer >= 1, not ${String(maxBatch)}`);
  let queue: Waiting<J, R>[] = [];
  let scheduled = false;

  function flushOnce(): void {
    let batch: Waiting<J, R>[];
    if (queue.length <= maxBatch) {
      batch = queue;
      queue = [];
    } else {
      batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
    }
    let results: readonly R[];
    try {
      results = run(batch.map((waiting) => waiting.job));
    } catch (cause) {
      for (const waiting of batch) waiting.answer(failed(waiting.job, cause));
      return;
    }
    batch.forEach((waiting, index) => {
      // A `run` that answers fewer jobs than it was given is a bug; its callers must still hear back.
      waiting.answer(index < results.length ? (results[index] as R) : failed(waiting.job, new Error('the batch returned no result for this job')));
    });
  }

  function flushScheduled(): void {
    scheduled = false;
    flushOnce();
    schedule();
  }

  function schedule(): void {
    if (scheduled || queue.length === 0) return;
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
    drain() {
      while (queue.length > 0) flushOnce();
    },
  };
}
