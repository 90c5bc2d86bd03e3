import * as E from 'fp-ts/lib/Either.js';
import { withoutPassword } from '@csp-onprem/engine';

/** Where an audit command finds the log: a parsed `--store` address. */
export type StoreAddress =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string }
  | { readonly kind: 'kurrentdb'; readonly connectionString: string }
  | { readonly kind: 'memory' };

/** The address forms `--store` understands, for help texts and error messages. */
export const STORE_ADDRESS_FORMS = 'sqlite:<file>, <file>.db, postgres://..., postgresql://...[?schema=<name>], kurrentdb://..., esdb://..., esdb+discover://..., memory:';

const SQLITE_SUFFIX = /\.(db|sqlite|sqlite3)$/i;
const KURRENT_SCHEMES: Readonly<Record<string, string>> = {
  kurrentdb: 'kurrentdb',
  'kurrentdb+discover': 'kurrentdb+discover',
  // The client still reads esdb:// but warns on stderr that it is deprecated: rewrite it.
  esdb: 'kurrentdb',
  'esdb+discover': 'kurrentdb+discover',
};

/** The address with any password replaced by `***`, so that an error message never shows it. */
export function redactAddress(address: string): string {
  return withoutPassword(address);
}

function sqlite(path: string, address: string): E.Either<string, StoreAddress> {
  const file = path.startsWith('//') ? path.slice(2) : path;
  return file === '' ? E.left(`store address ${address} names no file`) : E.right({ kind: 'sqlite', path: file });
}

function postgres(address: string): E.Either<string, StoreAddress> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return E.left(`store address ${redactAddress(address)} is not a valid PostgreSQL URL`);
  }
  const schemas = url.searchParams.getAll('schema');
  if (schemas.length > 1) return E.left('the PostgreSQL address gives ?schema= more than once');
  const schema = schemas[0];
  if (schema === '') return E.left('the PostgreSQL address has an empty ?schema=');
  url.searchParams.delete('schema');
  const connectionString = url.toString();
  return E.right(schema === undefined ? { kind: 'postgres', connectionString } : { kind: 'postgres', connectionString, schema });
}

function kurrentdb(scheme: string, address: string): E.Either<string, StoreAddress> {
  const rest = address.slice(address.indexOf('://') + 3);
  if (rest.replace(/^[^@]*@/, '').replace(/[/?].*$/, '') === '') return E.left(`store address ${redactAddress(address)} names no host`);
  return E.right({ kind: 'kurrentdb', connectionString: `${KURRENT_SCHEMES[scheme] ?? scheme}://${rest}` });
}

/**
 * Parses a `--store` address: `sqlite:./file.db` (or a bare path ending in `.db`),
 * `postgres://` / `postgresql://` (an optional `?schema=` names the store's schema and is
 * removed from the connection string), `kurrentdb://`, `esdb://`, `esdb+discover://`, or
 * `memory:`. Anything else answers one readable line.
 */
export function parseStoreAddress(input: string): E.Either<string, StoreAddress> {
  const address = input.trim();
  if (address === '') return E.left('--store needs an address');
  if (address === 'memory:') return E.right({ kind: 'memory' });
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(address)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') return sqlite(address.slice('sqlite:'.length), address);
  if ((scheme === 'postgres' || scheme === 'postgresql') && address.slice(scheme.length).startsWith('://')) return postgres(address);
  if (scheme !== undefined && scheme in KURRENT_SCHEMES && address.slice(scheme.length).startsWith('://')) return kurrentdb(scheme, address);
  // A bare file name; a one-letter "scheme" is a Windows drive (C:\logs\csp.db).
  if ((scheme === undefined || scheme.length === 1) && SQLITE_SUFFIX.test(address)) return E.right({ kind: 'sqlite', path: address });
  return E.left(`unknown store address ${redactAddress(address)}: use one of ${STORE_ADDRESS_FORMS}`);
}
