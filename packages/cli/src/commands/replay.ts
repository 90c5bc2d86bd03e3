import * as E from 'fp-ts/lib/Either.js';
import type { StoreAddress } from '../address/store-address.js';
import type { AsOfArgument } from '../instants.js';
import { withProgress } from '../progress/with-progress.js';
import { replayLines } from '../render/replay-report.js';
import { replayLog } from '../replay/replay-log.js';
import { progressContext, succeeded, withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { storeVaultOf } from './store-vault.js';
import { terminalJson } from '../render/terminal-json.js';

/** What `csp-onprem replay` was asked. */
export interface ReplayArgs {
  readonly store: StoreAddress;
  readonly asOf: AsOfArgument;
  readonly customer?: string;
  readonly json: boolean;
}

/** Prints the software lists and refund eligibility as they stood at an instant or position. */
export async function runReplay(args: ReplayArgs, io: CommandIo): Promise<CommandOutcome> {
  return withStore(args.store, async (store) => {
    // The store's data keys tell which keys were shredded; no key-encryption key is needed for that.
    const vault = storeVaultOf(store);
    const report = await withProgress(progressContext(io, args.json), store, 'replay', (s) => replayLog(s, args.asOf, args.customer, vault));
    if (E.isLeft(report)) return report;
    io.out(args.json ? terminalJson(report.right) : `${replayLines(report.right).join('\n')}\n`);
    return succeeded;
  });
}
