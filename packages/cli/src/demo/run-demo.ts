import * as E from 'fp-ts/lib/Either.js';
import { DAY_MS } from '@csp-onprem/domain';
import { createEngine, EngineConfigurationError, manualClock, type EventStore, type KeyEncryptionKey, type VerifyReport } from '@csp-onprem/engine';
import { existsSync } from 'node:fs';
import { kekSourceLine, keyEncryptionKeyOf, makeKekFile, type KekSource } from '../kek/kek-file.js';
import { openStore } from '../open-store.js';
import { formatInstant } from '../render/format.js';
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
   * The key-encryption key file that wraps the data keys the store keeps (32 bytes, base64).
   * Made (mode 0600) on the first run when it does not exist and the environment gives no KEK.
   */
  readonly kekPath?: string;
  /** Where `CSP_ONPREM_KEY_ENCRYPTION_KEY` is read when no `kekPath` is given; default `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** The story's KEK: the file given (made on first run), else the environment's, else a file beside the database. */
function demoKek(options: DemoOptions): E.Either<DemoFailure, { kek: KeyEncryptionKey; source: KekSource } | undefined> {
  const fail = (message: string): E.Either<DemoFailure, never> => E.left({ code: 'StoreUnavailable', message: `key-encryption key: ${message}`, step: 'open-kek' });
  const path = options.kekPath;
  if (path !== undefined && !existsSync(path)) {
    const made = makeKekFile(path);
    return E.isLeft(made) ? fail(made.left.message) : E.right({ kek: made.right, source: { kind: 'file', path, made: true } });
  }
  const found = keyEncryptionKeyOf(path, options.environment ?? process.env);
  return E.isLeft(found) ? fail(found.left.message) : E.right(found.right);
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
  const kek = demoKek(options);
  if (E.isLeft(kek)) {
    // A store handed in is the demo's to close, as on every other path.
    await options.store?.close();
    return kek;
  }
  const opened = options.store !== undefined ? E.right(options.store) : await openStore(options.db);
  if (E.isLeft(opened)) return E.left({ code: opened.left.code, message: opened.left.message, step: 'open-store' });
  const store = opened.right;
  const end = options.now ?? new Date();
  const start = new Date(end.getTime() - STORY_DAYS * DAY_MS);
  const clock = manualClock(start);
  const ids = runIds(options.runId ?? newRunId());
  let engine: ReturnType<typeof createEngine>;
  try {
    engine = createEngine({ store, clock: clock.now, ...(kek.right === undefined ? {} : { keyEncryptionKey: kek.right.kek }), environment: {} });
  } catch (cause) {
    await store.close();
    if (cause instanceof EngineConfigurationError) return E.left({ code: 'StoreUnavailable', message: cause.message, step: 'open-kek' });
    throw cause;
  }
  const ctx: DemoContext = { engine, store, clock, start, ids, out: options.out };
  try {
    options.out(`csp-onprem demo: run ${ids.runId} on ${store.name}, story from ${formatInstant(start)} to ${formatInstant(end)} UTC`);
    if (kek.right !== undefined) options.out(kekSourceLine(kek.right.source));
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
