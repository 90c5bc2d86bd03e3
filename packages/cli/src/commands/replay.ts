import * as E from 'fp-ts/lib/Either.js';
import type { StoreAddress } from '../address/store-address.js';
import type { AsOfArgument } from '../instants.js';
import { withProgress } from '../progress/with-progress.js';
import { replayLines } from '../render/replay-report.js';
import { replayLog } from '../replay/replay-log.js';
import { openVaultFile } from '../vault/open-vault-file.js';
import { progressContext, succeeded, withStore, type CommandIo, type CommandOutcome } from './command-io.js';

/** What `csp-onprem replay` was asked. */
export interface ReplayArgs {
  readonly store: StoreAddress;
  readonly asOf: AsOfArgument;
  readonly customer?: string;
  readonly json: boolean;
  /** A development vault file (fileKeyVault) to report keys shredded or not; without it, unknown. */
  readonly vault?: string;
}

/** Prints the software lists and refund eligibility as they stood at an instant or position. */
export async function runReplay(args: ReplayArgs, io: CommandIo): Promise<CommandOutcome> {
  const vault = args.vault === undefined ? undefined : openVaultFile(args.vault);
  if (vault !== undefined && E.isLeft(vault)) return vault;
  return withStore(args.store, async (store) => {
    const report = await withProgress(progressContext(io, args.json), store, 'replay', (s) => replayLog(s, args.asOf, args.customer, vault?.right));
    if (E.isLeft(report)) return report;
    io.out(args.json ? `${JSON.stringify(report.right, null, 2)}\n` : `${replayLines(report.right).join('\n')}\n`);
    return succeeded;
  });
}
