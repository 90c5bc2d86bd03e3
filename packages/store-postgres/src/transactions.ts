import type { Pool, PoolClient } from 'pg';

function asError(cause: unknown): Error {
  return cause instanceof Error ? cause : new Error(String(cause));
}

/** How a transaction begins: read committed for writes; one read-only snapshot for several reads that must agree. */
export type TransactionMode = 'ISOLATION LEVEL READ COMMITTED' | 'ISOLATION LEVEL REPEATABLE READ, READ ONLY';

/**
 * Runs `work` between `BEGIN ISOLATION LEVEL READ COMMITTED` (or the `mode` given) and `COMMIT` on one pooled
 * client, and rolls back when anything throws. Read committed is asked for explicitly because
 * the checkpoint compare-and-set of a projection save relies on each statement taking a fresh
 * snapshot after the previous one's locks, whatever the database default is. (The sequencer
 * does not run here: its one message sets its own isolation level.)
 *
 * The client goes back to the pool only if it rolled back cleanly; a client whose connection
 * broke is released with the error, which makes the pool destroy it instead of handing a dead
 * connection to the next caller. While checked out, the client's `error` events (a server
 * that goes away between two statements) are caught here rather than crashing the process:
 * the pending or next query fails with the same error.
 */
export async function inTransaction<A>(pool: Pool, work: (client: PoolClient) => Promise<A>, mode: TransactionMode = 'ISOLATION LEVEL READ COMMITTED'): Promise<A> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (cause: Error): void => {
    broken ??= cause;
  };
  client.on('error', onError);
  try {
    await client.query(`BEGIN ${mode}`);
    const result = await work(client);
    await client.query('COMMIT');
    client.removeListener('error', onError);
    client.release();
    return result;
  } catch (cause) {
    let releaseWith = broken;
    if (releaseWith === undefined) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackFailure) {
        releaseWith = asError(rollbackFailure);
      }
    }
    client.removeListener('error', onError);
    client.release(releaseWith ?? broken);
    throw cause;
  }
}
