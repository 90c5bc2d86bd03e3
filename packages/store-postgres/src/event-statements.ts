const COLUMNS = 'event_id, stream_id, version, type, data, meta, prev_hash, hash';

/** The SQL the store runs against the events table of one schema. */
export interface EventStatements {
  /** `$1` stream id -> `version`: the stream's last version, 0 when it has none. */
  readonly streamVersion: string;
  /**
   * `$1` stream id, `$2` expected version, `$3..$9` the records' columns as arrays ->
   * `actual` (the version the statement saw) and `inserted` (rows written: all or none).
   */
  readonly append: string;
  /** `$1` stream id -> the stream's rows in version order, each with a position (see below). */
  readonly readStream: string;
  /** `$1` after, `$2` limit (NULL for all) -> stamped rows in position order. */
  readonly readAll: string;
  /**
   * Gives positions to the first `STAMP_CHUNK` ready rows, in (tx_id, seq) order, after the
   * highest one given -> `stamped`: how many it gave; `held_back`: the largest tx_id of the
   * committed rows not ready yet (an older transaction is still open), or NULL; `xmin`: the
   * snapshot's xmin, below which every row was ready. Both as text, being xid8.
   */
  readonly stamp: string;
}

/** The most rows one stamping transaction gives positions to. */
export const STAMP_CHUNK = 10_000;

// A row is ready for a position once every transaction that could still commit a row before
// it in (tx_id, seq) order has ended: its tx_id is below the xmin of the current snapshot.
const READY = 'position IS NULL AND tx_id < pg_snapshot_xmin(pg_current_snapshot())';

/** Builds the statements for a schema name already checked and quoted by `quoteSchema`. */
export function eventStatements(s: string): EventStatements {
  const events = `${s}.events`;
  return {
    streamVersion: `SELECT COALESCE(max(version), 0) AS version FROM ${events} WHERE stream_id = $1`,
    // One statement, hence one transaction: the version check and the insert share a snapshot,
    // and either every row is written or none. Two appenders that both see version v both try
    // to insert v + 1; UNIQUE (stream_id, version) makes the second wait for the first and then
    // fail with 23505, which the store reports as VersionConflict. No row lock is needed, and
    // the statement takes its transaction id only at its first insert, after its snapshot saw
    // the stream's previous events committed: a later version always has a larger tx_id, so
    // the (tx_id, seq) global order keeps every stream in version order. ORDER BY ord makes
    // seq follow the records' order.
    append: `
WITH head AS (
  SELECT COALESCE(max(version), 0) AS version FROM ${events} WHERE stream_id = $1
), inserted AS (
  INSERT INTO ${events} (stream_id, version, event_id, type, data, meta, prev_hash, hash)
  SELECT $1, r.version, r.event_id, r.type, r.data, r.meta, r.prev_hash, r.hash
  FROM unnest($3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       WITH ORDINALITY AS r(version, event_id, type, data, meta, prev_hash, hash, ord)
  WHERE (SELECT version FROM head) = $2
  ORDER BY r.ord
  RETURNING 1
)
SELECT (SELECT version FROM head) AS actual, (SELECT count(*) FROM inserted)::integer AS inserted`,
    // A row not yet stamped gets the position the sequencer would give it now: the highest
    // position given plus its rank among the visible unstamped rows in (tx_id, seq) order
    // (stamped rows always come first in that order). For a row whose tx_id is below the
    // snapshot's xmin every row before it is visible, so that is its final position, stamped
    // or not: reading a stream needs no sequencer run. For a later row (an older transaction is
    // still open, so its final place is not known) it is provisional: above every position
    // already given, increasing with the version, and never more than the position the row
    // gets when stamped, as rows can only be added before it, never taken away. The count costs
    // in proportion to the unstamped rows before the row, which the store keeps few by running
    // the sequencer in the background as it appends.
    readStream: `
SELECT ${COLUMNS},
       COALESCE(e.position,
                (SELECT COALESCE(max(position), 0) FROM ${events})
                + (SELECT count(*) FROM ${events} u WHERE u.position IS NULL AND (u.tx_id, u.seq) <= (e.tx_id, e.seq))
       ) AS position
FROM ${events} e WHERE e.stream_id = $1 ORDER BY e.version`,
    readAll: `SELECT ${COLUMNS}, position FROM ${events} WHERE position > $1 ORDER BY position LIMIT $2`,
    // The first rows of a prefix are a prefix too, so stamping in chunks keeps every guarantee.
    // held_back is found by ORDER BY ... LIMIT 1, not max(): PostgreSQL 13 and 14 have no max(xid8).
    stamp: `
WITH ready AS (
  SELECT seq, (SELECT COALESCE(max(position), 0) FROM ${events}) + row_number() OVER (ORDER BY tx_id, seq) AS position
  FROM ${events} WHERE ${READY}
  ORDER BY tx_id, seq LIMIT ${STAMP_CHUNK}
), stamped AS (
  UPDATE ${events} AS e SET position = ready.position FROM ready WHERE e.seq = ready.seq RETURNING 1
)
SELECT (SELECT count(*)::integer FROM stamped) AS stamped,
       (SELECT tx_id::text FROM ${events} WHERE position IS NULL AND tx_id >= pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY tx_id DESC LIMIT 1) AS held_back,
       pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
  };
}
