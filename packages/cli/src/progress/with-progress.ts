import type { EventStore } from '@csp-onprem/engine';
import { lastPosition } from './last-position.js';
import { observedStore } from './observed-store.js';
import { progressBar, showsProgress, type Milliseconds, type ProgressStream } from './progress.js';

/** Where and whether a command draws progress. */
export interface ProgressContext {
  readonly stream: ProgressStream;
  /** True for --json: nothing but the JSON is written. */
  readonly quiet: boolean;
  readonly now?: Milliseconds;
}

/**
 * Runs a read of the log with a progress bar on a terminal: the end of the log is found first
 * (cheaply), then every page read through the store moves the bar. Off a terminal or when
 * quiet, the work runs on the store itself and nothing is drawn.
 */
export async function withProgress<A>(context: ProgressContext, store: EventStore, label: string, work: (store: EventStore) => Promise<A>): Promise<A> {
  if (!showsProgress(context.stream, context.quiet)) return work(store);
  const last = await lastPosition(store);
  const bar = progressBar(context.stream, {
    label,
    ...(last === undefined ? {} : { lastPosition: last }),
    ...(context.now === undefined ? {} : { now: context.now }),
  });
  try {
    return await work(observedStore(store, (done) => bar.update(done)));
  } finally {
    bar.finish();
  }
}
