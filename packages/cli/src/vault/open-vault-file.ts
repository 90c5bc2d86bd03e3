import { existsSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import type { KeyVault } from '@csp-onprem/engine';
import { badInput, reasonOf, type CliFailure } from '../cli-failure.js';
import { fileKeyVault, readVaultFile } from './file-key-vault.js';

/**
 * Opens the development vault file an audit command was given with `--vault`. The file must
 * exist and be a vault file: a typo must not read as "nothing was shredded". Either failure is
 * bad input, in one line.
 */
export function openVaultFile(path: string): E.Either<CliFailure, KeyVault> {
  if (!existsSync(path)) return E.left(badInput(`the vault file ${path} does not exist`));
  try {
    readVaultFile(path);
  } catch (cause) {
    return E.left(badInput(reasonOf(cause)));
  }
  return E.right(fileKeyVault({ path }));
}
