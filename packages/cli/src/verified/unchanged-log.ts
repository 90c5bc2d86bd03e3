import * as E from 'fp-ts/lib/Either.js';
import { logTreeHead, type TreeHead } from '@csp-onprem/audit';
import type { EventStore } from '@csp-onprem/engine';
import { cannotProceed, type CliFailure } from '../cli-failure.js';
import type { AuditedRead } from './audited-read.js';
import type { LogVerdicts } from './log-verdicts.js';

/**
 * Reads the log again up to the last position a pass read and compares its tree head with the
 * pass's: a Right undefined when the store still holds exactly what was read, else the verdict
 * in words. Catches a store written to while a verified export or digest was being made: a
 * change to events already read would otherwise leave an output that no state of the log ever
 * matched.
 */
export async function changedSinceRead(store: EventStore, read: TreeHead): Promise<E.Either<CliFailure, string | undefined>> {
  const again = await logTreeHead(store, { atPosition: read.position });
  if (E.isLeft(again)) return E.left(cannotProceed(`${again.left.code}: ${again.left.message}`));
  if (again.right.treeSize === read.treeSize && again.right.root === read.root) return E.right(undefined);
  return E.right(
    `the store changed while it was being read: its first ${read.treeSize} events, up to position ${read.position}, are not the ones read a moment before (${again.right.treeSize} events now, root ${again.right.root.slice(0, 12)}... instead of ${read.root.slice(0, 12)}...); someone is writing into its past`,
  );
}

/**
 * The verdicts of a read that held, with the store read again to see that it did not change
 * meanwhile (the change is then the last verdict); a read that already failed is not read
 * again: it is unverified either way.
 */
export async function verdictsOfUnchangedLog(store: EventStore, read: AuditedRead, first: LogVerdicts): Promise<E.Either<CliFailure, LogVerdicts>> {
  if (!first.ok) return E.right(first);
  const changed = await changedSinceRead(store, read.head);
  if (E.isLeft(changed)) return changed;
  return E.right(changed.right === undefined ? first : { ...first, ok: false, verdicts: [...first.verdicts, changed.right] });
}
