import type { Pool } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { STAMP_CHUNK, type EventStatements } from './event-statements.js';

/** What the stamping statement answers (see `EventStatements.stamp`). */
interface StampRow {
  readonly stamped: number;
  readonly held_back: string | null;
  readonly xmin: string;
}

/** What a sequencer run saw: its snapshot's xmin, and the largest tx_id of rows it had to leave unstamped. */
export interface SequencerRun {
  readonly xmin: bigint;
  readonly heldBack: bigint | undefined;
}

// The longest pause between two sequencer runs while rows are held back.
const MAX_PAUSE_MS = 50;

/**
 * The sequencer step as one simple-protocol message, so one round trip: the statements run one
 * after another in one implicit transaction, which commits after the last one (or rolls back on
 * an error, leaving the session clean). Read committed is asked for explicitly because the
 * stamping relies on each statement taking a fresh snapshot after the previous one's lock,
 * whatever the database default is. The schema name was checked by `quoteSchema`, so it can
 * sit inside the literal.
 *
 * Why the commit need not wait for the WAL flush (`synchronous_commit` off): stamps are derived
 * data. The rows ready for a position are every committed row with a tx_id below the xmin of
 * the snapshot, a prefix of the committed rows in (tx_id, seq) order that only grows, and a
 * row's position is its rank in that order. A server crash can lose only the last stamping
 * commits (the WAL is flushed in order, and each stamping transaction commits after the one
 * whose stamps it continues from), never a row they stamped: with `synchronous_commit` on for
 * the appends (the default; with it off a crash may lose appends anyway), a row is visible to
 * the sequencer only once its commit is on disk. After the crash every
 * transaction below the new xmin has ended, nothing can appear before those rows any more, and
 * the next sequencer gives each of them the same rank, so the same position, that a reader may
 * have seen before. Any later synchronous commit (the next append, a projection save) flushes
 * the stamps anyway.
 */
export function sequencerSql(statements: EventStatements, schema: string): string {
  return `SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
SET LOCAL synchronous_commit TO OFF;
SELECT pg_advisory_xact_lock(hashtextextended('csp-onprem sequencer ${schema}', 0));
${statements.stamp}`;
}

/**
 * Gives global positions to the rows that are ready for one (see `EventStatements.stamp`).
 *
 * Appends run concurrently and may commit in a different order than they started, so a
 * position cannot be taken at insert time without a reader skipping a row that commits late.
 * Instead each row records its transaction id, and positions are handed out here, after
 * commit, only to rows whose transaction id is below the xmin of the current snapshot: every
 * transaction below xmin has ended, so all of their rows are visible and no row can appear
 * later before them in (tx_id, seq) order. Stamping in that order is therefore final: a row
 * that commits late gets a later position, never one a reader has already passed.
 *
 * One sequencer runs at a time per schema (a transaction-scoped advisory lock), and the
 * stamping UPDATE is a separate statement after the lock, so under read committed it sees
 * what the previous sequencer stamped. The lock is held only while the server runs the UPDATE
 * and commits, never across a round trip. Each transaction stamps at most `STAMP_CHUNK` rows,
 * so that a backlog (rows held back by a long transaction elsewhere on the server) is worked
 * off in commits that each fit in the statement timeout; this runs them until one is not full.
 */
export async function sequence(pool: Pool, sql: string): Promise<SequencerRun> {
  for (;;) {
    const results = (await pool.query(sql)) as unknown as readonly { rows: readonly Partial<StampRow>[] }[];
    const row = results[results.length - 1]?.rows[0];
    if (row?.stamped === undefined || row.xmin === undefined) throw new Error('the sequencer returned no count');
    if (row.stamped < STAMP_CHUNK) return { xmin: BigInt(row.xmin), heldBack: row.held_back == null ? undefined : BigInt(row.held_back) };
  }
}

/** Runs the sequencer so that a read holds every row committed before it (see `committedSequencer`). */
export interface CommittedSequencer {
  /** Stamps what is ready, then waits (bounded) for the transactions holding back rows committed before the call. */
  run(): Promise<void>;
}

/**
 * Runs the sequencer until every row committed before the call has a position, waiting at
 * most `waitMs` for the older transactions that hold some back (in practice appends in flight
 * elsewhere, a few milliseconds each). Without this wait a reader that has just seen its own
 * append succeed could read the global order without it, when another process's append, begun
 * earlier, had not yet committed. Only the transactions older than the rows held back at the
 * first run are waited for, a set no new transaction can join, so a steady stream of new
 * appends never prolongs the wait. Past `waitMs` (a transaction left open on the server) it
 * gives up, and the held-back rows come in a later read; later calls do not wait again while
 * that transaction is still the oldest open one, since it would outlast them too.
 */
export function committedSequencer(pool: Pool, sql: string, waitMs: number, isClosed: () => boolean): CommittedSequencer {
  // The xmin at which the last wait gave up: the transaction left open.
  let outlastedAt: bigint | undefined;

  async function waitFor(target: bigint, firstXmin: bigint): Promise<void> {
    const deadline = Date.now() + waitMs;
    let xmin = firstXmin;
    for (let pauseMs = 1; Date.now() < deadline; pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS)) {
      await sleep(Math.min(pauseMs, deadline - Date.now()));
      // A closed store runs nothing more on the pool, which may be the caller's.
      if (isClosed()) return;
      // Rows with a tx_id below the run's xmin were ready in its snapshot, so it stamped them.
      xmin = (await sequence(pool, sql)).xmin;
      if (xmin > target) return;
    }
    outlastedAt = xmin;
  }

  return {
    async run() {
      const first = await sequence(pool, sql);
      if (first.heldBack === undefined || first.xmin === outlastedAt) return;
      outlastedAt = undefined;
      await waitFor(first.heldBack, first.xmin);
    },
  };
}

/** Sequencer runs started after appends, off the caller's path. */
export interface BackgroundSequencer {
  /** Starts a run, or asks for one more after the run under way. */
  request(): void;
  /** Resolves once no run is under way or asked for. */
  settled(): Promise<void>;
}

/**
 * Runs `run` in the background when asked, one run at a time, and once more when asked again
 * meanwhile: under load one run stamps what several appends wrote. Failures are dropped, as
 * `readAll` runs the sequencer itself before it reads; this only keeps the unstamped rows few,
 * so that `readStream` (which counts them for a row not yet stamped) and `readAll` stay cheap
 * in a process that appends much and reads the global order rarely.
 */
export function backgroundSequencer(run: () => Promise<void>): BackgroundSequencer {
  let running: Promise<void> | undefined;
  let again = false;
  async function loop(): Promise<void> {
    do {
      again = false;
      await run().catch(() => undefined);
    } while (again);
    running = undefined;
  }
  return {
    request() {
      if (running === undefined) running = loop();
      else again = true;
    },
    settled: async () => {
      while (running !== undefined) await running;
    },
  };
}
