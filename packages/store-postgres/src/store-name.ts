import { splitConnectionString } from '@csp-onprem/engine';

/** Where a store connects, as far as its name needs it: never the user or password. */
export interface ServerAddress {
  readonly host: string;
  readonly database: string;
}

const UNKNOWN: ServerAddress = { host: 'unknown-host', database: 'unknown-db' };

function fromKeywords(connectionString: string): ServerAddress {
  const settings = new Map<string, string>();
  for (const match of connectionString.matchAll(/(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/g)) {
    const [, key = '', raw = ''] = match;
    settings.set(key, raw.startsWith("'") ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  const host = settings.get('host') ?? 'localhost';
  const port = settings.get('port');
  return { host: port === undefined ? host : `${host}:${port}`, database: settings.get('dbname') ?? settings.get('user') ?? UNKNOWN.database };
}

/**
 * Reads host and database from a `postgres://` URL or a `key=value` connection string,
 * leaving the credentials out. Falls back to placeholders rather than failing: the name is
 * only for messages.
 */
export function serverAddress(connectionString: string): ServerAddress {
  const split = /^postgres(ql)?:\/\//i.test(connectionString) ? splitConnectionString(connectionString) : undefined;
  if (split === undefined) return fromKeywords(connectionString);
  try {
    // Parsed without the credentials, so that a password a URL parser misreads never becomes a host.
    const url = new URL(`${split.scheme}${split.rest}`);
    const user = split.userinfo?.split(':')[0] ?? '';
    const host = decodeURIComponent(url.hostname) || (url.searchParams.get('host') ?? 'localhost');
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || (safelyDecoded(user) || UNKNOWN.database);
    return { host: url.port === '' ? host : `${host}:${url.port}`, database };
  } catch {
    return UNKNOWN;
  }
}

function safelyDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The address of a pool built elsewhere, from the options it was given. */
export function poolAddress(options: { readonly connectionString?: string; readonly host?: string; readonly port?: number; readonly database?: string }): ServerAddress {
  if (options.connectionString !== undefined) return serverAddress(options.connectionString);
  const host = options.host ?? process.env['PGHOST'] ?? 'localhost';
  const port = options.port ?? process.env['PGPORT'];
  return { host: port === undefined ? host : `${host}:${port}`, database: options.database ?? process.env['PGDATABASE'] ?? UNKNOWN.database };
}

/** The store's name: `postgres:<host>/<db>#<schema>`. */
export function storeName(address: ServerAddress, schema: string): string {
  return `postgres:${address.host}/${address.database}#${schema}`;
}
