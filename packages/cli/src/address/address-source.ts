import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { reasonOf } from '../cli-failure.js';

/** The environment variable that holds a store address, so that it need not be on the command line. */
export const STORE_VARIABLE = 'CSP_ONPREM_STORE';

/** The PostgreSQL variables (libpq's, which pg reads too) that name a server when no address is given. */
export const POSTGRES_VARIABLES = ['PGHOST', 'PGDATABASE', 'PGSERVICE'] as const;

/** Where a command finds its store address besides `--store`: the environment and files. */
export interface AddressSources {
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Reads a file's text; throws when it cannot. */
  readonly readFile: (path: string) => string;
}

/** This process's environment and file system. */
export const processSources: AddressSources = { environment: process.env, readFile: (path) => readFileSync(path, 'utf8') };

/**
 * The one line of a file an option names (`--store-file`, `--tsa-url-file`), blank lines and
 * surrounding space ignored: how a secret-bearing address stays off the command line.
 */
export function oneLineOf(option: string, path: string, what: string, sources: AddressSources): E.Either<string, string> {
  let text: string;
  try {
    text = sources.readFile(path);
  } catch (cause) {
    return E.left(`cannot read ${option} ${path}: ${reasonOf(cause)}`);
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return E.left(`${option} ${path} is empty: it should hold ${what} on one line`);
  if (lines.length > 1) return E.left(`${option} ${path} holds ${lines.length} lines: it should hold only ${what}, on one line`);
  return E.right(lines[0] ?? '');
}

function fromEnvironment({ environment }: AddressSources): E.Either<string, string> | undefined {
  const named = environment[STORE_VARIABLE];
  if (named !== undefined && named.trim() !== '') return E.right(named);
  const databaseUrl = environment['DATABASE_URL'];
  if (databaseUrl !== undefined && /^postgres(ql)?:\/\//i.test(databaseUrl.trim())) return E.right(databaseUrl);
  // pg reads PGHOST, PGUSER, PGPASSWORD, PGDATABASE, PGPORT and the rest for what an address leaves out.
  if (POSTGRES_VARIABLES.some((name) => (environment[name] ?? '') !== '')) return E.right('postgres://');
  return undefined;
}

/**
 * The store address from `--store`, `--store-file` or the environment, or `fallback` when none
 * gives one (`serve` runs on its SQLite default then).
 */
export function storeAddressOr(fallback: string, store: string | undefined, storeFile: string | undefined, sources: AddressSources): E.Either<string, string> {
  if (store === undefined && storeFile === undefined && fromEnvironment(sources) === undefined) return E.right(fallback);
  return storeAddressText('serve', store, storeFile, sources);
}

/**
 * The store address text a command uses, so that a password need not be on the command line
 * (where every user of the machine can read it in the process list): `--store`; else the one
 * line of `--store-file`; else CSP_ONPREM_STORE; else DATABASE_URL when it is a `postgres://`
 * URL; else, when PGHOST, PGDATABASE or PGSERVICE is set, `postgres://`, whose server, user,
 * password and database pg takes from the PG* variables (and ~/.pgpass). `--store` and
 * `--store-file` together are refused.
 */
export function storeAddressText(command: string, store: string | undefined, storeFile: string | undefined, sources: AddressSources): E.Either<string, string> {
  if (store !== undefined && storeFile !== undefined) return E.left('give --store or --store-file, not both');
  if (store !== undefined) return E.right(store);
  if (storeFile !== undefined) return oneLineOf('--store-file', storeFile, 'the store address', sources);
  const databaseUrl = sources.environment['DATABASE_URL'];
  const ignored = databaseUrl !== undefined && databaseUrl.trim() !== '' ? ' (DATABASE_URL is set, but is not a postgres:// URL)' : '';
  return fromEnvironment(sources) ?? E.left(`${command} needs --store, --store-file or ${STORE_VARIABLE} (DATABASE_URL or PGHOST for PostgreSQL)${ignored}`);
}
