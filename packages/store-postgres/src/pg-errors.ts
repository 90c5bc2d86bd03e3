function codeOf(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null || !('code' in cause)) return undefined;
  const { code } = cause;
  return typeof code === 'string' ? code : undefined;
}

// Messages node-postgres uses when a pooled connection died under it, without a SQLSTATE.
const LOST_CONNECTION_MESSAGES = ['Connection terminated', 'not queryable', 'Client was closed'];

/**
 * Whether a failure means the connection was lost (the server ended the session, restarted, or
 * the socket broke) rather than that the statement itself failed. Such a call may be tried once
 * more on a fresh connection: a transaction that lost its connection before `COMMIT` was rolled
 * back by the server, and one whose `COMMIT` did land is recognised on the second try by the
 * unique keys (see `appendToStream`).
 */
export function isLostConnection(cause: unknown): boolean {
  const code = codeOf(cause);
  if (code !== undefined && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === 'ECONNRESET' || code === 'EPIPE')) {
    return true;
  }
  const message = cause instanceof Error ? cause.message : '';
  return LOST_CONNECTION_MESSAGES.some((text) => message.includes(text));
}

/** Whether a failure is PostgreSQL's `unique_violation` (SQLSTATE 23505). */
export function isUniqueViolation(cause: unknown): boolean {
  return codeOf(cause) === '23505';
}

// What each refusal of a value means, by SQLSTATE; any other code of class 22 (data exception)
// is a refused value too.
const REFUSALS: Readonly<Record<string, string>> = {
  '22021': 'a character the database encoding cannot hold (such as NUL)',
  '22P05': 'a character the database cannot translate (such as the escape of NUL)',
  '22001': 'a string too long for its column',
  '22003': 'a number out of range for its column',
  '54000': 'a value beyond the database\'s limits (such as an index row too large)',
};

/**
 * What PostgreSQL refused in a value, in words and with its SQLSTATE, when `cause` is such a
 * refusal: class 22 (data exception: a character the encoding cannot hold, a number out of
 * range, ...) or 54000 (a value beyond a limit, such as an index row too large). The server's
 * message is left out: it may quote the value. `undefined` for anything else.
 */
export function refusedValue(cause: unknown): string | undefined {
  const code = codeOf(cause);
  if (code === undefined || !(code.startsWith('22') || code === '54000')) return undefined;
  return `${REFUSALS[code] ?? 'a value the database refused'} (SQLSTATE ${code})`;
}
