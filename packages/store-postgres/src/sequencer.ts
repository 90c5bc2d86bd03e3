import type { Pool } from 'pg';
import type { EventStatements } from './event-statements.js';
import { inTransaction } from './transactions.js';

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
 * what the previous sequencer stamped. When no row is ready, one index probe is all it costs.
 */
export async function sequence(pool: Pool, statements: EventStatements, schema: string): Promise<void> {
  const due = await pool.query<{ due: boolean }>(statements.due);
  if (due.rows[0]?.due !== true) return;
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`csp-onprem sequencer ${schema}`]);
    await client.query(statements.stamp);
  });
}
