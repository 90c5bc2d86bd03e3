import * as E from 'fp-ts/lib/Either.js';
import { createEngine } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import { badInput, cannotProceed } from '../cli-failure.js';
import { keyEncryptionKeyOf, readKekFile } from '../kek/kek-file.js';
import { succeeded, withStore, type CommandIo, type CommandOutcome } from './command-io.js';

/** What `csp-onprem rotate-kek` was asked. */
export interface RotateKekArgs {
  readonly store: StoreAddress;
  /** The current KEK's file; without it, `CSP_ONPREM_KEY_ENCRYPTION_KEY`. */
  readonly kekFile?: string;
  /** The next KEK's file. */
  readonly nextKekFile: string;
}

/**
 * Rewraps every data key the store keeps under the next key-encryption key, one key at a time:
 * interrupted, every key stays readable by one of the two, and running it again finishes.
 */
export async function runRotateKek(args: RotateKekArgs, io: CommandIo, environment: Readonly<Record<string, string | undefined>> = process.env): Promise<CommandOutcome> {
  const current = keyEncryptionKeyOf(args.kekFile, environment);
  if (E.isLeft(current)) return current;
  if (current.right === undefined) return E.left(badInput('rotate-kek needs the current key-encryption key: --kek-file <file>, or CSP_ONPREM_KEY_ENCRYPTION_KEY'));
  const next = readKekFile(args.nextKekFile);
  if (E.isLeft(next)) return next;
  const { kek } = current.right;
  return withStore(
    args.store,
    async (store) => {
      if (store.dataKeys === undefined) return E.left(cannotProceed(`${store.name} keeps no data keys: there is nothing to rotate`));
      const engine = createEngine({ store, persistProjections: false, keyEncryptionKey: kek, environment: {} });
      const rotated = await engine.rotateKeyEncryptionKey(next.right);
      if (E.isLeft(rotated)) {
        return E.left(cannotProceed(`${rotated.left.code}: ${rotated.left.message} (the keys rewrapped so far open under ${next.right.keyId}, the others still under ${kek.keyId}: run rotate-kek again with both files)`));
      }
      const { rewrapped, alreadyWrapped, keyEncryptionKeyId } = rotated.right;
      io.out(
        [
          `rotate-kek on ${store.name}: ${rewrapped} data key(s) rewrapped from ${kek.keyId} to ${keyEncryptionKeyId}${alreadyWrapped === 0 ? '' : `, ${alreadyWrapped} already under it`}.`,
          `From now on only ${args.nextKekFile} is needed. Destroy the old key-encryption key once every process uses the new one:`,
          'backups taken before now hold data keys wrapped under it.',
        ].join('\n') + '\n',
      );
      return succeeded;
    },
    'write',
  );
}
