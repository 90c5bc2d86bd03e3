import * as E from 'fp-ts/lib/Either.js';
import { DAY_MS } from '@csp-onprem/domain';
import { createEngine, manualClock, type EventStore, type VerifyReport } from '@csp-onprem/engine';
import { reasonOf } from '../cli-failure.js';
import { openStore } from '../open-store.js';
import { formatInstant } from '../render/format.js';
import { fileKeyVault, readVaultFile } from '../vault/file-key-vault.js';
import type { DemoContext, OutputSink } from './context.js';
import { printReport } from './report.js';
import { newRunId, runIds } from './run-ids.js';
import type { DemoFailure } from './steps.js';
import { playStory } from './story.js';

/** How long before "now" the story starts: long enough for a 60-day window to close on screen. */
export const STORY_DAYS = 75;

/** Where and how to play the demo. */
export interface DemoOptions {
  /** The SQLite database file; created if missing, appended to if it exists. Ignored when `store` is given. */
  readonly db: string;
  /** Receives the output, one line per call. */
  readonly out: OutputSink;
  /** Plays on this store instead of opening `db`; the demo closes it when done. */
  readonly store?: EventStore;
  /** The instant the story ends at; defaults to the wall clock. The story starts {@link STORY_DAYS} days earlier. */
  readonly now?: Date;
  /** Names this run's orders and subscriptions; defaults to a fresh random id. */
  readonly runId?: string;
  /**
   * Seals product keys under data keys kept in this development vault file (`fileKeyVault`,
   * not a KMS), created if missing, so later runs and `forget-tenant --vault` reach them.
   * Without it, the engine's in-process vault: keys cannot be shown after the process ends.
   */
  readonly vaultPath?: string;
}

/** What a finished demo reports. */
export interface DemoResult {
  readonly runId: string;
  /** The store's name, such as `sqlite:./csp-onprem.db`. */
  readonly store: string;
  /** Purchases in the store for the story's customers, this run's and earlier runs'. */
  readonly purchases: number;
  readonly verify: VerifyReport;
}

/**
 * Plays the Partner Center guide for two customers on the store, printing one line per
 * step, then the software lists, refund eligibility, audit trail and `verify` result.
 * Answers the first unexpected outcome (such as `StoreUnavailable`) as a value.
 */
export async function runDemo(options: DemoOptions): Promise<E.Either<DemoFailure, DemoResult>> {
  if (options.vaultPath !== undefined) {
    try {
      readVaultFile(options.vaultPath);
    } catch (cause) {
      return E.left({ code: 'StoreUnavailable', message: `key vault: ${reasonOf(cause)}`, step: 'open-vault' });
    }
  }
  const opened = options.store !== undefined ? E.right(options.store) : await openStore(options.db);
  if (E.isLeft(opened)) return E.left({ code: opened.left.code, message: opened.left.message, step: 'open-store' });
  const store = opened.right;
  const end = options.now ?? new Date();
  const start = new Date(end.getTime() - STORY_DAYS * DAY_MS);
  const clock = manualClock(start);
  const ids = runIds(options.runId ?? newRunId());
  const vault = options.vaultPath === undefined ? {} : { vault: fileKeyVault({ path: options.vaultPath }) };
  const engine = createEngine({ store, clock: clock.now, ...vault });
  const ctx: DemoContext = { engine, store, clock, start, ids, out: options.out };
  try {
    options.out(`csp-onprem demo: run ${ids.runId} on ${store.name}, story from ${formatInstant(start)} to ${formatInstant(end)} UTC`);
    if (options.vaultPath !== undefined) options.out(`key vault: ${options.vaultPath} (a development vault file, not a KMS: it keeps the data keys beside the data)`);
    const story = await playStory(ctx);
    if (E.isLeft(story)) return story;
    clock.set(end);
    const report = await printReport(ctx);
    if (E.isLeft(report)) return report;
    return E.right({ runId: ids.runId, store: store.name, ...report.right });
  } finally {
    await engine.close();
  }
}
