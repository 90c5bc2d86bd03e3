import * as E from 'fp-ts/lib/Either.js';
import { checkConsistencyProof, consistencyProofBetween, decodeConsistencyProof } from '@csp-onprem/audit';
import type { StoreAddress } from '../address/store-address.js';
import { badInput, cannotProceed } from '../cli-failure.js';
import { readKeptTreeHead } from '../digest-file/kept-digest.js';
import { readInputJson } from '../files/read-input-file.js';
import { trustStatusWord } from '../verified/digest-trust.js';
import { checkHeadSignatures } from '../verified/head-signatures.js';
import { headName } from '../verified/head-verdict.js';
import { terminalText } from '../render/terminal-text.js';
import { withStore, type CommandIo, type CommandOutcome } from './command-io.js';
import { proofTarget, writeProof, type ProofDestination } from './proof-output.js';
import { readTrustAnchors } from './read-trust-anchors.js';
import { plural } from '../text/plural.js';

/** What `csp-onprem consistency` was asked: make a proof between two kept heads from the store, or check one offline. */
export type ConsistencyArgs =
  | ({ readonly mode: 'make'; readonly store: StoreAddress; readonly from: string; readonly to: string; readonly publicKey?: string } & ProofDestination)
  | { readonly mode: 'check'; readonly check: string; readonly publicKey?: string };



const failed = (line: string): CommandOutcome => E.right({ exitCode: 1, problem: terminalText(line) });

/** Makes the RFC 9162 consistency proof that the log of the newer kept head only grew from that of the older one. */
async function makeProof(args: Extract<ConsistencyArgs, { mode: 'make' }>, io: CommandIo): Promise<CommandOutcome> {
  const older = readKeptTreeHead(args.from, 'a consistency proof');
  if (E.isLeft(older)) return older;
  const newer = readKeptTreeHead(args.to, 'a consistency proof');
  if (E.isLeft(newer)) return newer;
  const anchors = readTrustAnchors(args);
  if (E.isLeft(anchors)) return anchors;
  const signatures = checkHeadSignatures([older.right.head, newer.right.head], anchors.right.publicKeyPem);
  if (E.isLeft(signatures)) return signatures;
  if (signatures.right.status === 'failed') return failed(`consistency refused: ${signatures.right.message}`);
  const target = proofTarget(args, args.store, [args.from, args.to, ...(args.publicKey === undefined ? [] : [args.publicKey])]);
  if (E.isLeft(target)) return target;
  return withStore(args.store, async (store) => {
    const proof = await consistencyProofBetween(store, older.right.head, newer.right.head);
    if (E.isLeft(proof)) {
      if (proof.left.code === 'StoreUnavailable') return E.left(cannotProceed(`${proof.left.code}: ${proof.left.message}`));
      return failed(`no consistency proof: ${proof.left.message}`);
    }
    const appended = newer.right.head.treeSize - older.right.head.treeSize;
    const written = writeProof(target.right, proof.right, io, `consistency proof from ${headName(older.right.head)} to ${headName(newer.right.head)} (${plural(appended, 'event')} appended), ${plural(proof.right.path.length, 'hash', 'hashes')}`);
    return E.isLeft(written) ? written : E.right({ exitCode: 0 });
  });
}

/** Checks a consistency proof offline, from its two heads alone, and their signatures when a key is given. */
function checkProof(args: Extract<ConsistencyArgs, { mode: 'check' }>, io: CommandIo): CommandOutcome {
  const json = readInputJson(args.check, 'the proof file');
  if (E.isLeft(json)) return json;
  const proof = decodeConsistencyProof(json.right);
  if (E.isLeft(proof)) return E.left(badInput(`the proof file ${args.check} is malformed: ${proof.left.message}`));
  const anchors = readTrustAnchors(args);
  if (E.isLeft(anchors)) return anchors;
  const signatures = checkHeadSignatures([proof.right.older, proof.right.newer], anchors.right.publicKeyPem);
  if (E.isLeft(signatures)) return signatures;
  const verdict = checkConsistencyProof(proof.right);
  const lines = [
    `older:       ${headName(proof.right.older)}, root ${proof.right.older.root}`,
    `newer:       ${headName(proof.right.newer)}, root ${proof.right.newer.root}`,
    `signatures:  ${trustStatusWord(signatures.right.status)}: ${signatures.right.message}`,
  ];
  if (E.isLeft(verdict)) {
    io.out(`${[`consistency: FAILED: ${verdict.left.message}`, ...lines].map(terminalText).join('\n')}\n`);
    return failed(`consistency failed: ${verdict.left.message}`);
  }
  const grew = `the log of ${headName(proof.right.newer)} only grew from that of ${headName(proof.right.older)}: ${plural(verdict.right.appended, 'event')} appended, none removed, changed or moved`;
  io.out(`${[`consistency: ${signatures.right.status === 'failed' ? 'FAILED' : 'ok'}: ${grew}`, ...lines].map(terminalText).join('\n')}\n`);
  return signatures.right.status === 'failed' ? failed(`consistency failed: ${signatures.right.message}`) : E.right({ exitCode: 0 });
}

/**
 * `csp-onprem consistency`: with --from and --to (two kept tree heads, older first) and
 * --store, prints the RFC 9162 consistency proof between them; with --check, verifies such a
 * proof offline (from the two heads it carries) and, with --public-key, that both heads are
 * the auditor's. Ends 1 when the proof does not hold or cannot be made.
 */
export async function runConsistency(args: ConsistencyArgs, io: CommandIo): Promise<CommandOutcome> {
  return args.mode === 'make' ? makeProof(args, io) : checkProof(args, io);
}
