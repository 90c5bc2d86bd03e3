import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '@csp-onprem/engine';
import { openAuditStore, type StoreAccess } from '../address/open-address.js';
import type { StoreAddress } from '../address/store-address.js';
import type { CliFailure } from '../cli-failure.js';
import type { Milliseconds, ProgressStream } from '../progress/progress.js';
import type { ProgressContext } from '../progress/with-progress.js';

/** Where a command writes: its results to `out`, progress to `progress` (stderr). */
export interface CommandIo {
  /** Writes text to stdout as given (add the line ends). */
  readonly out: (text: string) => void;
  readonly progress: ProgressStream;
  readonly now?: Milliseconds;
}

/** How a command that ran ends: its exit code, and for a failed check one line for stderr. */
export interface CommandEnd {
  readonly exitCode: 0 | 1;
  readonly problem?: string;
}

/** A command's outcome: it could not run (a failure), or it ran and ended. */
export type CommandOutcome = E.Either<CliFailure, CommandEnd>;

/** The command ran and all is well. */
export const succeeded: CommandOutcome = E.right({ exitCode: 0 });

/** The progress settings of a command. */
export function progressContext(io: CommandIo, quiet: boolean): ProgressContext {
  return { stream: io.progress, quiet, ...(io.now === undefined ? {} : { now: io.now }) };
}

/** Opens the store (read only unless `access` is `write`), runs `work` on it and closes it, whatever happens. */
export async function withStore(address: StoreAddress, work: (store: EventStore) => Promise<CommandOutcome>, access: StoreAccess = 'read'): Promise<CommandOutcome> {
  const opened = await openAuditStore(address, access);
  if (E.isLeft(opened)) return opened;
  try {
    return await work(opened.right);
  } finally {
    await opened.right.close();
  }
}
