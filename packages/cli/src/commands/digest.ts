import * as E from 'fp-ts/lib/Either.js';
import { headsDigest } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import { cannotProceed } from '../cli-failure.js';
import { withProgress } from '../progress/with-progress.js';
import { progressContext, succeeded, withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { writeOutputFile } from './write-output-file.js';
import { terminalJson } from '../render/terminal-json.js';

/** What `csp-onprem digest` was asked. */
export interface DigestArgs {
  readonly store: StoreAddress;
  readonly at?: number;
  readonly out?: string;
}

/** Writes the JSON digest of every stream's head, up to a position or the end, to a file or stdout. */
export async function runDigest(args: DigestArgs, io: CommandIo): Promise<CommandOutcome> {
  return withStore(args.store, async (store) => {
    const digest = await withProgress(progressContext(io, false), store, 'digest', (s) => headsDigest(s, args.at));
    if (E.isLeft(digest)) return E.left(cannotProceed(`${digest.left.code}: ${digest.left.message}`));
    const json = terminalJson(digest.right);
    if (args.out === undefined) {
      io.out(json);
      return succeeded;
    }
    const written = writeOutputFile(args.out, json);
    if (E.isLeft(written)) return written;
    const { events, streams, position } = digest.right;
    io.out(`digest of ${store.name}: ${events} events in ${streams} streams up to position ${position}, written to ${args.out}\n`);
    return succeeded;
  });
}
