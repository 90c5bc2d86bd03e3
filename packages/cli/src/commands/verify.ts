import * as E from 'fp-ts/lib/Either.js';
import { checkHeadsDigest, verifyStore } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import { cannotProceed } from '../cli-failure.js';
import { withProgress } from '../progress/with-progress.js';
import { chainProblem, verifyLines, type VerifyOutcome } from '../render/verify-report.js';
import { progressContext, withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { readDigestFile } from './read-digest-file.js';
import { terminalJson } from '../render/terminal-json.js';

/** What `csp-onprem verify` was asked. */
export interface VerifyArgs {
  readonly store: StoreAddress;
  readonly digest?: string;
  readonly json: boolean;
}

/**
 * Checks every stream's hash chain and that every event decodes, and with a kept digest that
 * the log still holds what was digested. Ends 1 naming the first bad event or the mismatch.
 */
export async function runVerify(args: VerifyArgs, io: CommandIo): Promise<CommandOutcome> {
  const kept = args.digest === undefined ? undefined : readDigestFile(args.digest);
  if (kept !== undefined && E.isLeft(kept)) return kept;
  const progress = progressContext(io, args.json);
  return withStore(args.store, async (store) => {
    const chain = await withProgress(progress, store, 'verify', (s) => verifyStore(s));
    if (E.isLeft(chain)) return E.left(cannotProceed(`${chain.left.code}: ${chain.left.message}`));
    let digest: VerifyOutcome['digest'];
    if (kept !== undefined && args.digest !== undefined) {
      const checked = await withProgress(progress, store, 'digest', (s) => checkHeadsDigest(s, kept.right));
      if (E.isLeft(checked)) return E.left(cannotProceed(`${checked.left.code}: ${checked.left.message}`));
      digest = { ...checked.right, file: args.digest };
    }
    const outcome: VerifyOutcome = { ok: chain.right.ok && (digest?.ok ?? true), store: store.name, chain: chain.right, ...(digest === undefined ? {} : { digest }) };
    io.out(args.json ? terminalJson(outcome) : `${verifyLines(outcome).join('\n')}\n`);
    if (outcome.ok) return E.right({ exitCode: 0 });
    const problems = [chainProblem(chain.right), digest?.ok === false ? `the digest ${digest.file} does not match (${digest.problem ?? 'root differs'})` : undefined];
    return E.right({ exitCode: 1, problem: `verify failed: ${problems.filter((p) => p !== undefined).join('; ')}` });
  });
}
