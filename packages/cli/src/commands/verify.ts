import * as E from 'fp-ts/lib/Either.js';
import { ReadModelCheck, keptReadModels } from '@csp-onprem/engine';
import type { StoreAddress } from '../address/store-address.js';
import { cannotProceed } from '../cli-failure.js';
import { withProgress } from '../progress/with-progress.js';
import { verifyOutcomeLines, verifyProblem } from '../render/verify-outcome-lines.js';
import { auditedRead, checkedAgainst } from '../verified/audited-read.js';
import { logVerdicts } from '../verified/log-verdicts.js';
import { verifyOutcome } from '../verified/verify-outcome.js';
import { progressContext, withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { readDigestInput } from './read-digest-input.js';
import { terminalJson } from '../render/terminal-json.js';

/** What `csp-onprem verify` was asked. */
export interface VerifyArgs {
  readonly store: StoreAddress;
  /** A digest kept earlier: a tree head (signed or not) or an older heads digest. */
  readonly digest?: string;
  /** The Ed25519 public key (PEM) the digest must be signed with. */
  readonly publicKey?: string;
  /** The TSA certificate (PEM) the digest's timestamp token must be signed with. */
  readonly tsaCert?: string;
  readonly json: boolean;
}

/**
 * Checks, in one pass over the log, every stream's hash chain and that every event decodes;
 * with a kept digest, that the log still holds what was digested (naming each purchase that
 * changed), that the digest is signed with the key given and timestamped by the TSA given; and
 * that the read models the store keeps are what the log makes. Sanity warnings are listed
 * apart. Ends 1 with the first verdict on stderr when anything fails.
 */
export async function runVerify(args: VerifyArgs, io: CommandIo): Promise<CommandOutcome> {
  const digest = readDigestInput(args);
  if (E.isLeft(digest)) return digest;
  const kept = digest.right?.kept;
  const trust = digest.right?.trust;
  return withStore(args.store, async (store) => {
    const readModels = await ReadModelCheck.load(store);
    if (E.isLeft(readModels)) return E.left(cannotProceed(`${readModels.left.code}: ${readModels.left.message}`));
    const options = { ...checkedAgainst(kept), visit: readModels.right.push.bind(readModels.right) };
    const read = await withProgress(progressContext(io, args.json), store, 'verify', (s) => auditedRead(s, options));
    if (E.isLeft(read)) return read;
    const models = keptReadModels(store) === undefined ? null : readModels.right.result();
    const outcome = verifyOutcome(store.name, read.right, logVerdicts(read.right, kept, trust, models ?? undefined), kept, trust, models);
    io.out(args.json ? terminalJson(outcome) : `${verifyOutcomeLines(outcome).join('\n')}\n`);
    return outcome.ok ? E.right({ exitCode: 0 }) : E.right({ exitCode: 1, problem: verifyProblem(outcome) });
  });
}
