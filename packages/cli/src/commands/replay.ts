import * as E from 'fp-ts/lib/Either.js';
import type { StoreAddress } from '../address/store-address.js';
import { badInput, cannotProceed } from '../cli-failure.js';
import { keptPosition } from '../digest-file/kept-digest.js';
import type { AsOfArgument } from '../instants.js';
import { withProgress } from '../progress/with-progress.js';
import { replayLines } from '../render/replay-report.js';
import { ReplayFold, type RecordedBy } from '../replay/replay-log.js';
import { terminalText } from '../render/terminal-text.js';
import { verifiedFold } from '../verified/verified-fold.js';
import { progressContext, withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { readDigestInput, type DigestOptions } from './read-digest-input.js';
import { storeVaultOf } from './store-vault.js';
import { terminalJson } from '../render/terminal-json.js';

/** Which events a replay may use: those recorded by a position, given as such or as a kept digest's. */
export type RecordedByArgument = { readonly kind: 'position'; readonly position: number } | { readonly kind: 'digest'; readonly file: string };

/** What `csp-onprem replay` was asked. */
export interface ReplayArgs extends DigestOptions {
  readonly store: StoreAddress;
  readonly asOf: AsOfArgument;
  readonly customer?: string;
  /** Use only the events recorded by then: at or before a position, or a kept digest's position (the digest is then checked too). */
  readonly recordedBy?: RecordedByArgument;
  /** Print the replay even when the log does not verify, stamped UNVERIFIED. */
  readonly allowUnverified?: boolean;
  readonly json: boolean;
}

/** The digest options with --recorded-by's digest as the kept digest; a Left when two different digests are named. */
function digestOptionsOf(args: ReplayArgs): E.Either<ReturnType<typeof badInput>, DigestOptions> {
  if (args.recordedBy?.kind !== 'digest') return E.right(args);
  if (args.digest !== undefined && args.digest !== args.recordedBy.file) {
    return E.left(badInput('--recorded-by names a digest and --digest another: the digest --recorded-by names is checked as the kept digest, give it once'));
  }
  return E.right({ ...args, digest: args.recordedBy.file });
}

/**
 * Prints the software lists and refund eligibility as they stood at an instant or position,
 * using only the events recorded by --recorded-by when given, with the exact set of events
 * used. The log is verified in the same pass; one that does not verify prints nothing and
 * ends 1, unless --allow-unverified, which prints the replay stamped UNVERIFIED.
 */
export async function runReplay(args: ReplayArgs, io: CommandIo): Promise<CommandOutcome> {
  const options = digestOptionsOf(args);
  if (E.isLeft(options)) return options;
  const digest = readDigestInput(options.right);
  if (E.isLeft(digest)) return digest;
  let recordedBy: RecordedBy | undefined;
  if (args.recordedBy?.kind === 'position') recordedBy = { position: args.recordedBy.position };
  if (args.recordedBy?.kind === 'digest' && digest.right !== undefined) recordedBy = { position: keptPosition(digest.right.kept), digest: args.recordedBy.file };
  return withStore(args.store, async (store) => {
    // The store's data keys tell which keys were shredded; no key-encryption key is needed for that.
    const vault = storeVaultOf(store);
    const fold = new ReplayFold(args.asOf, recordedBy);
    const verification = await withProgress(progressContext(io, args.json), store, 'replay', (s) => verifiedFold(s, digest.right, (event) => fold.push(event)));
    if (E.isLeft(verification)) return verification;
    if (!verification.right.verified && args.allowUnverified !== true) {
      return E.left(
        cannotProceed(terminalText(`nothing was replayed: the log does not verify: ${verification.right.failures[0] ?? ''} (run csp-onprem verify for every finding; --allow-unverified prints the replay stamped UNVERIFIED)`)),
      );
    }
    const report = await fold.result(store.name, args.customer, vault);
    if (E.isLeft(report)) return report;
    const stamped = { ...report.right, verification: verification.right };
    io.out(args.json ? terminalJson(stamped) : `${replayLines(stamped).map(terminalText).join('\n')}\n`);
    if (verification.right.verified) return E.right({ exitCode: 0 });
    return E.right({ exitCode: 1, problem: terminalText(`replayed UNVERIFIED (--allow-unverified): ${verification.right.failures[0] ?? ''}`) });
  });
}
