import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, RecordedEvent } from '@csp-onprem/engine';
import type { CliFailure } from '../cli-failure.js';
import type { KeptDigest } from '../digest-file/kept-digest.js';
import { auditedRead, checkedAgainst } from './audited-read.js';
import type { DigestTrust } from './digest-trust.js';
import { logVerdicts } from './log-verdicts.js';
import { verdictsOfUnchangedLog } from './unchanged-log.js';
import { verificationOf, type Verification } from './verification.js';

/** A kept digest given to a command, with how its signature and timestamp checked out. */
export interface CheckedDigest {
  readonly kept: KeptDigest;
  readonly trust: DigestTrust;
}

/**
 * Reads the log once, folding every event into `visit` while checking every chain and the
 * kept digest, then reads it again up to the same position to see that it did not change
 * meanwhile: the fold is then exactly what was verified. Answers how it verified; the caller
 * decides whether an unverified fold may leave the tool.
 */
export async function verifiedFold(store: EventStore, digest: CheckedDigest | undefined, visit: (event: RecordedEvent) => void): Promise<E.Either<CliFailure, Verification>> {
  const kept = digest?.kept;
  const read = await auditedRead(store, { ...checkedAgainst(kept), visit });
  if (E.isLeft(read)) return read;
  const verdicts = await verdictsOfUnchangedLog(store, read.right, logVerdicts(read.right, kept, digest?.trust));
  if (E.isLeft(verdicts)) return verdicts;
  return E.right(verificationOf(read.right, verdicts.right.verdicts, kept, digest?.trust));
}
