import * as E from 'fp-ts/lib/Either.js';
import { ed25519PrivateKey, isSignedTreeHead, requestTimestamp, signTreeHead, signedHeadStampBytes, verifyTimestampToken, type SignedTreeHead, type TreeHead } from '@csp-onprem/audit';
import type { StoreAddress } from '../address/store-address.js';
import { badInput, cannotProceed, type CliFailure } from '../cli-failure.js';
import { digestFileText } from '../digest-file/kept-digest.js';
import { checkOutputTarget, writeOutputFile, type OutputTarget } from '../files/output-file.js';
import { readInputText } from '../files/read-input-file.js';
import { withProgress } from '../progress/with-progress.js';
import { auditedRead } from '../verified/audited-read.js';
import { logVerdicts } from '../verified/log-verdicts.js';
import { terminalText } from '../render/terminal-text.js';
import { verdictsOfUnchangedLog } from '../verified/unchanged-log.js';
import { progressContext, withStore, type CommandIo, type CommandOutcome } from './command-io.js';

/** What `csp-onprem digest` was asked. */
export interface DigestArgs {
  readonly store: StoreAddress;
  /** Cover only the events at or before this position. */
  readonly at?: number;
  readonly out?: string;
  /** Replace an existing --out file. */
  readonly force?: boolean;
  /** The Ed25519 private key (PEM) to sign the head with. */
  readonly sign?: string;
  /** The RFC 3161 TSA to timestamp the signed head (needs --sign). */
  readonly tsaUrl?: string;
  /** The TSA's certificate (PEM), to check its token at once. */
  readonly tsaCert?: string;
}

/** The origin of a URL, never its user name or password; the text itself when it is no URL. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the TSA';
  }
}

/** Signs the head and has the TSA timestamp it, as asked; a Left says in one line why not (never quoting the key). */
async function signAndStamp(args: DigestArgs, head: TreeHead, privateKeyPem: string | undefined, tsaCertPem: string | undefined): Promise<E.Either<CliFailure, { head: TreeHead | SignedTreeHead; token?: Uint8Array; stamped?: string }>> {
  if (privateKeyPem === undefined) return E.right({ head });
  const signed = signTreeHead(head, privateKeyPem, new Date());
  if (E.isLeft(signed)) return E.left(badInput(`--sign: ${signed.left.message}`));
  if (args.tsaUrl === undefined) return E.right({ head: signed.right });
  const stampBytes = signedHeadStampBytes(signed.right);
  const reply = await requestTimestamp(args.tsaUrl, stampBytes);
  if (E.isLeft(reply)) return E.left(cannotProceed(`no timestamp, so no digest was written: ${reply.left.message}`));
  let stamped = `timestamped by ${originOf(args.tsaUrl)} at ${reply.right.genTime.toISOString()}`;
  if (tsaCertPem !== undefined) {
    const verdict = verifyTimestampToken(reply.right.token, stampBytes, tsaCertPem, { nonce: reply.right.nonce });
    if (E.isLeft(verdict)) {
      return E.left(verdict.left.code === 'UnusableCertificate' ? badInput(`--tsa-cert: ${verdict.left.message}`) : cannotProceed(`the TSA's token does not hold, so no digest was written: ${verdict.left.message}`));
    }
    stamped += ' (token checked against --tsa-cert)';
  }
  return E.right({ head: signed.right, token: reply.right.token, stamped });
}

/**
 * Writes the log's tree head (csp-onprem-tree-head/1: size, last position, RFC 9162 root and
 * every purchase's last event), signed with --sign and timestamped by --tsa-url when asked, to
 * a file or stdout. The log is verified in the same pass and read again to see that it did
 * not change meanwhile: a log whose chains fail, or that changes while read, gets no digest.
 */
export async function runDigest(args: DigestArgs, io: CommandIo): Promise<CommandOutcome> {
  const privateKey = args.sign === undefined ? undefined : readInputText(args.sign, 'the --sign key file');
  if (privateKey !== undefined && E.isLeft(privateKey)) return privateKey;
  // A key that cannot sign is refused before the log is read, twice, to the end.
  const usable = privateKey === undefined ? undefined : ed25519PrivateKey(privateKey.right);
  if (usable !== undefined && E.isLeft(usable)) return E.left(badInput(`--sign: ${usable.left.message}`));
  const tsaCert = args.tsaCert === undefined ? undefined : readInputText(args.tsaCert, 'the --tsa-cert file');
  if (tsaCert !== undefined && E.isLeft(tsaCert)) return tsaCert;
  const inputs = [args.sign, args.tsaCert].filter((file): file is string => file !== undefined);
  const target: OutputTarget | undefined = args.out === undefined ? undefined : { file: args.out, force: args.force ?? false, store: args.store, inputs };
  if (target !== undefined) {
    const allowed = checkOutputTarget(target);
    if (E.isLeft(allowed)) return allowed;
  }
  return withStore(args.store, async (store) => {
    const read = await withProgress(progressContext(io, target === undefined), store, 'digest', (s) => auditedRead(s, args.at === undefined ? {} : { through: args.at }));
    if (E.isLeft(read)) return read;
    const verdicts = await verdictsOfUnchangedLog(store, read.right, logVerdicts(read.right, undefined, undefined));
    if (E.isLeft(verdicts)) return verdicts;
    if (!verdicts.right.ok) return E.left(cannotProceed(terminalText(`no digest was written: the log does not verify: ${verdicts.right.verdicts[0] ?? ''} (run csp-onprem verify for every finding)`)));
    const made = await signAndStamp(args, read.right.head, privateKey?.right, tsaCert?.right);
    if (E.isLeft(made)) return made;
    const text = digestFileText(made.right.head, made.right.token);
    if (target === undefined) {
      io.out(text);
      return E.right({ exitCode: 0 });
    }
    const written = writeOutputFile(target, text);
    if (E.isLeft(written)) return written;
    const { head } = made.right;
    const signed = isSignedTreeHead(head) ? `; signed at ${head.timestamp} with key id ${head.keyId.slice(0, 16)}...` : '; not signed (give --sign)';
    io.out(`digest of ${store.name}: ${head.treeSize} events in ${head.streams.length} streams up to position ${head.position}, root ${head.root}${signed}${made.right.stamped === undefined ? '' : `; ${made.right.stamped}`}; written to ${target.file}\n`);
    return E.right({ exitCode: 0 });
  });
}
