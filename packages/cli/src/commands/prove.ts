import * as E from 'fp-ts/lib/Either.js';
import { checkInclusionProof, decodeInclusionProof, inclusionProofFor } from '@csp-onprem/audit';
import { subscriptionOfStream } from '@csp-onprem/engine';
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

/** What `csp-onprem prove` was asked: make an inclusion proof of one event from the store, or check one offline. */
export type ProveArgs =
  | ({ readonly mode: 'make'; readonly store: StoreAddress; readonly event: number; readonly digest: string; readonly publicKey?: string } & ProofDestination)
  | { readonly mode: 'check'; readonly check: string; readonly digest: string; readonly publicKey?: string };

const failed = (line: string): CommandOutcome => E.right({ exitCode: 1, problem: terminalText(line) });

/** Makes the RFC 9162 inclusion proof of the event at a position in the log a kept head covers. */
async function makeProof(args: Extract<ProveArgs, { mode: 'make' }>, io: CommandIo): Promise<CommandOutcome> {
  const kept = readKeptTreeHead(args.digest, 'an inclusion proof');
  if (E.isLeft(kept)) return kept;
  const anchors = readTrustAnchors(args);
  if (E.isLeft(anchors)) return anchors;
  const signature = checkHeadSignatures([kept.right.head], anchors.right.publicKeyPem);
  if (E.isLeft(signature)) return signature;
  if (signature.right.status === 'failed') return failed(`prove refused: ${signature.right.message}`);
  const target = proofTarget(args, args.store, [args.digest, ...(args.publicKey === undefined ? [] : [args.publicKey])]);
  if (E.isLeft(target)) return target;
  return withStore(args.store, async (store) => {
    const proof = await inclusionProofFor(store, args.event, kept.right.head);
    if (E.isLeft(proof)) {
      if (proof.left.code === 'StoreUnavailable') return E.left(cannotProceed(`${proof.left.code}: ${proof.left.message}`));
      return failed(`no inclusion proof: ${proof.left.message}`);
    }
    const { leaf, leafIndex } = proof.right;
    const summary = `inclusion proof of the event at position ${leaf.position} (leaf ${leafIndex} of ${proof.right.treeSize}) in ${headName(kept.right.head)}, ${plural(proof.right.path.length, 'hash', 'hashes')}`;
    const written = writeProof(target.right, proof.right, io, summary);
    return E.isLeft(written) ? written : E.right({ exitCode: 0 });
  });
}

/** Checks an inclusion proof offline against a kept head, and the head's signature when a key is given. */
function checkProof(args: Extract<ProveArgs, { mode: 'check' }>, io: CommandIo): CommandOutcome {
  const json = readInputJson(args.check, 'the proof file');
  if (E.isLeft(json)) return json;
  const proof = decodeInclusionProof(json.right);
  if (E.isLeft(proof)) return E.left(badInput(`the proof file ${args.check} is malformed: ${proof.left.message}`));
  const kept = readKeptTreeHead(args.digest, 'an inclusion proof');
  if (E.isLeft(kept)) return kept;
  const anchors = readTrustAnchors(args);
  if (E.isLeft(anchors)) return anchors;
  const signature = checkHeadSignatures([kept.right.head], anchors.right.publicKeyPem);
  if (E.isLeft(signature)) return signature;
  const { leaf } = proof.right;
  const purchase = subscriptionOfStream(leaf.streamId) ?? leaf.streamId;
  const lines = [
    `event:       position ${leaf.position}: version ${leaf.version} of ${purchase} (stream ${leaf.streamId}), record hash ${leaf.hash}`,
    `digest:      ${args.digest}: ${headName(kept.right.head)}, root ${kept.right.head.root}`,
    `signature:   ${trustStatusWord(signature.right.status)}: ${signature.right.message}`,
  ];
  const verdict = checkInclusionProof(proof.right, kept.right.head);
  if (E.isLeft(verdict)) {
    io.out(`${[`inclusion:   FAILED: ${verdict.left.message}`, ...lines].map(terminalText).join('\n')}\n`);
    return failed(`inclusion failed: ${verdict.left.message}`);
  }
  const holds = `the event at position ${leaf.position} is in the log ${headName(kept.right.head)} covers (leaf ${verdict.right.leafIndex} of ${kept.right.head.treeSize})`;
  io.out(`${[`inclusion:   ${signature.right.status === 'failed' ? 'FAILED' : 'ok'}: ${holds}`, ...lines].map(terminalText).join('\n')}\n`);
  return signature.right.status === 'failed' ? failed(`inclusion failed: ${signature.right.message}`) : E.right({ exitCode: 0 });
}

/**
 * `csp-onprem prove`: with --event, --digest and --store, prints the RFC 9162 inclusion proof
 * of the event at that position in the log the kept head covers; with --check and --digest,
 * verifies such a proof offline and, with --public-key, that the head is the auditor's. Ends 1
 * when the proof does not hold or cannot be made.
 */
export async function runProve(args: ProveArgs, io: CommandIo): Promise<CommandOutcome> {
  return args.mode === 'make' ? makeProof(args, io) : checkProof(args, io);
}
