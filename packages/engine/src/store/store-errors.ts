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

/** What a store can fail with. */
export type StoreError = StoreUnavailableError | VersionConflictError;

/** Builds a `StoreUnavailable` error from whatever was thrown. */
export function storeUnavailable(what: string, cause: unknown): StoreUnavailableError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return { code: 'StoreUnavailable', message: `${what}: ${reason}`, cause: reason };
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
