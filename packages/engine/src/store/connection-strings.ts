/** A `scheme://...` connection string split where its credentials end. */
export interface SplitConnectionString {
  /** The scheme, with `://`. */
  readonly scheme: string;
  /** What stands before the hosts' `@` (`user:password`), as written; undefined when there is none. */
  readonly userinfo: string | undefined;
  /** Everything after the credentials: hosts, path and query. */
  readonly rest: string;
}

// What may stand between the `@` that ends the credentials and the next `/`, `?` or `#`: host
// names, IPv4 and bracketed IPv6 addresses, ports, and the commas of a cluster's host list.
const HOST_LIST = /^[A-Za-z0-9._~%[\]:,-]+$/;

/**
 * Splits a `scheme://` connection string at the end of its credentials, or undefined when it
 * has no scheme. Passwords are often generated and written unencoded, with `/`, `?`, `#` or `@`
 * in them, which URL parsers then read as the start of the path, query or host: the
 * credentials end at the last `@` that a plausible host list follows, so a password never
 * ends up read as a host, and at worst more is taken for credentials than was.
 */
export function splitConnectionString(connectionString: string): SplitConnectionString | undefined {
  const scheme = /^\s*[a-z][a-z0-9+.-]*:\/\//i.exec(connectionString);
  if (scheme === null) return undefined;
  const afterScheme = connectionString.slice(scheme[0].length);
  for (let at = afterScheme.lastIndexOf('@'); at >= 0; at = at === 0 ? -1 : afterScheme.lastIndexOf('@', at - 1)) {
    const rest = afterScheme.slice(at + 1);
    const hosts = /^[^/?#]*/.exec(rest)?.[0] ?? '';
    if (HOST_LIST.test(hosts)) return { scheme: scheme[0].trimStart(), userinfo: afterScheme.slice(0, at), rest };
  }
  return { scheme: scheme[0].trimStart(), userinfo: undefined, rest: afterScheme };
}

// A query setting whose name holds "password" (`?password=`, `&sslpassword=`), up to the next
// `&` or `#`; and a keyword connection string's `password=` (PostgreSQL's `host=db password=x`),
// its value quoted or up to the next space.
const QUERY_PASSWORD = /([?&])([^=&#]*password[^=&#]*)=[^&#]*/gi;
const KEYWORD_PASSWORD = /(^|\s)(password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|\S*)/gi;

/**
 * A connection string with its passwords replaced by `***`, for messages and result files:
 * the one in its credentials (`user:***@host`), any query setting named for a password
 * (`?password=***`, `sslpassword=***`), and a keyword connection string's `password=***`.
 */
export function withoutPassword(connectionString: string): string {
  if (splitConnectionString(connectionString) === undefined) return connectionString.replace(KEYWORD_PASSWORD, '$1$2***');
  // The query first: a password there may hold an @, which would move where the credentials seem to end.
  const queryRedacted = connectionString.replace(QUERY_PASSWORD, '$1$2=***');
  const split = splitConnectionString(queryRedacted);
  const colon = split?.userinfo?.indexOf(':') ?? -1;
  if (split?.userinfo === undefined || colon < 0) return queryRedacted;
  return `${split.scheme}${split.userinfo.slice(0, colon)}:***@${split.rest}`;
}
