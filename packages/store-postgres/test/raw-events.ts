import type pg from 'pg';
import type { EventRecord } from '@csp-onprem/engine';

/**
 * Inserts a record the way the store does (same columns, JSON text, `tx_id` and `seq` from
 * their defaults), on a client the test controls, so the test decides when it commits.
 */
export async function insertRaw(client: pg.ClientBase, schema: string, record: EventRecord): Promise<void> {
  await client.query(
    `INSERT INTO "${schema}".events (stream_id, version, event_id, type, data, meta, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [record.streamId, record.version, record.eventId, record.type, JSON.stringify(record.data), JSON.stringify(record.meta), record.prevHash, record.hash],
  );
}

/** Waits until some session is blocked on a lock while running a statement that contains `fragment`. */
export async function waitUntilBlocked(admin: pg.Pool, fragment: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const blocked = await admin.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND position($1 in query) > 0 AND pid <> pg_backend_pid()",
      [fragment],
    );
    if ((blocked.rows[0]?.n ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error(`no session blocked on a statement containing ${JSON.stringify(fragment)} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
