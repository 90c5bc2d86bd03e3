import { existsSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import type { KeyEncryptionKey } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import { badInput, type CliFailure } from '../cli-failure.js';
import { defaultKekPath, keyEncryptionKeyOf, makeKekFile, readKekFile, type KekSource } from '../kek/kek-file.js';

/** The service's key-encryption key and where it came from; none for the memory store. */
export type ServeKek = { readonly kek: KeyEncryptionKey; readonly source: KekSource } | undefined;

/**
 * The KEK `serve` runs with: `--kek-file`, else the environment's; in development mode on a
 * SQLite file with neither, `<db>.kek`, made (mode 0600) when missing, as the demo does. A
 * durable store without one is refused: no key is handed out that a restart would lose.
 */
export function serveKek(address: StoreAddress, kekFile: string | undefined, development: boolean, environment: Readonly<Record<string, string | undefined>>): E.Either<CliFailure, ServeKek> {
  const given = keyEncryptionKeyOf(kekFile, environment);
  if (E.isLeft(given) || given.right !== undefined || address.kind === 'memory') return given;
  if (development && address.kind === 'sqlite') {
    const path = defaultKekPath(address.path);
    const made = !existsSync(path);
    const kek = made ? makeKekFile(path) : readKekFile(path);
    return E.isLeft(kek) ? kek : E.right({ kek: kek.right, source: { kind: 'file', path, made } });
  }
  return E.left(badInput('serve needs a key-encryption key for a durable store: --kek-file <file>, or CSP_ONPREM_KEY_ENCRYPTION_KEY (with --dev-identity on a SQLite file, <db>.kek is made)'));
}
