import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { KEY_ENCRYPTION_KEY_VARIABLE, keyEncryptionKeyFromEnvironment, localKeyEncryptionKey, type KeyEncryptionKey } from '@csp-onprem/engine';
import { badInput, cannotProceed, type CliFailure } from '../cli-failure.js';

/** The KEK file `csp-onprem demo` keeps beside its database unless `--kek-file` names another. */
export function defaultKekPath(db: string): string {
  return `${db}.kek`;
}

function errnoOf(cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Reads a key-encryption key file: 32 bytes in base64 on one line. Any failure is one line
 * naming the file and what is wrong, never a byte of what it holds.
 */
export function readKekFile(path: string): E.Either<CliFailure, KeyEncryptionKey> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = errnoOf(cause);
    return E.left(code === 'ENOENT' ? badInput(`the key-encryption key file ${path} does not exist`) : cannotProceed(`cannot read the key-encryption key file ${path} (${code ?? 'error'})`));
  }
  try {
    return E.right(localKeyEncryptionKey(text));
  } catch (cause) {
    return E.left(badInput(`the key-encryption key file ${path} is unusable: ${(cause as Error).message}`));
  }
}

/**
 * Makes a new key-encryption key file (32 random bytes, base64, mode 0600), refusing to
 * replace one that exists: a lost KEK is every product key lost.
 */
export function makeKekFile(path: string): E.Either<CliFailure, KeyEncryptionKey> {
  const secret = randomBytes(32);
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${secret.toString('base64')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (cause) {
    return E.left(cannotProceed(`cannot create the key-encryption key file ${path} (${errnoOf(cause) ?? 'error'})`));
  }
  return E.right(localKeyEncryptionKey(secret));
}

/** Where a command found its key-encryption key, for the line that says so. */
export type KekSource = { readonly kind: 'file'; readonly path: string; readonly made: boolean } | { readonly kind: 'environment'; readonly variable: string };

/** The line a command prints to say where its key-encryption key came from. */
export function kekSourceLine(source: KekSource): string {
  if (source.kind === 'environment') return `key-encryption key: from ${source.variable}`;
  return source.made
    ? `key-encryption key: made ${source.path} (32 random bytes, mode 0600): it wraps every data key in the database; keep it, and keep it apart from the database in production`
    : `key-encryption key: ${source.path}`;
}

/** The KEK from `--kek-file`, else from the environment variable, else `undefined`. */
export function keyEncryptionKeyOf(
  file: string | undefined,
  environment: Readonly<Record<string, string | undefined>>,
): E.Either<CliFailure, { readonly kek: KeyEncryptionKey; readonly source: KekSource } | undefined> {
  if (file !== undefined) {
    const read = readKekFile(file);
    return E.isLeft(read) ? read : E.right({ kek: read.right, source: { kind: 'file', path: file, made: false } });
  }
  try {
    const kek = keyEncryptionKeyFromEnvironment(environment);
    return E.right(kek === undefined ? undefined : { kek, source: { kind: 'environment', variable: KEY_ENCRYPTION_KEY_VARIABLE } });
  } catch (cause) {
    return E.left(badInput((cause as Error).message));
  }
}
