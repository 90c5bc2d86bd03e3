import type { InvalidCommandError } from '@csp-onprem/domain';

/**
 * The store cannot be opened, read or written; `cause` says why. Nothing was written, except
 * possibly after a timeout or a lost connection to a remote store, where sending the same
 * command again is safe: it reads the stream first and answers the earlier result if the
 * append did commit, and the expected version refuses a second write.
 */
export interface StoreUnavailableError {
  readonly code: 'StoreUnavailable';
  readonly message: string;
  readonly cause: string;
}

/** Another writer appended to the stream first. Nothing was written. */
export interface VersionConflictError {
  readonly code: 'VersionConflict';
  readonly message: string;
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly actualVersion: number;
}

/**
 * A value the store cannot keep (a NUL or a lone surrogate in text, a value beyond its
 * database's limits): the caller's input, not an outage, so it is an `InvalidCommand` naming
 * the field of the append, with the store that refused it. Nothing was written; sending the
 * same records again is refused again.
 */
export interface ValueRefusedError extends InvalidCommandError {
  /** The name of the store that refused the value. */
  readonly refusedBy: string;
}

/** What a store can fail with. */
export type StoreError = StoreUnavailableError | VersionConflictError | ValueRefusedError;

/** Builds a `StoreUnavailable` error from whatever was thrown. */
export function storeUnavailable(what: string, cause: unknown): StoreUnavailableError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return { code: 'StoreUnavailable', message: `${what}: ${reason}`, cause: reason };
}

/** Builds the error of a value `store` cannot keep: `path` names the field, `found` says what is in it (never quoting it). */
export function valueRefused(store: string, path: string, expected: string, found: string): ValueRefusedError {
  return {
    code: 'InvalidCommand',
    message: `${store} cannot keep the value at ${path} (expected ${expected}, found ${found}): refused, nothing was written`,
    errors: [{ path, expected, found }],
    refusedBy: store,
  };
}

/** Builds a `VersionConflict` error. */
export function versionConflict(streamId: string, expectedVersion: number, actualVersion: number): VersionConflictError {
  return {
    code: 'VersionConflict',
    message: `stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`,
    streamId,
    expectedVersion,
    actualVersion,
  };
}
