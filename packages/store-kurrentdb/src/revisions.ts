import { NO_STREAM, type AppendStreamState } from '@kurrent/kurrentdb-client';

// KurrentDB numbers a stream's events from revision 0; csp-onprem numbers them from version 1.
// A stream at version v has its last event at revision v - 1, and version 0 means no stream.

/** The `streamState` to append with when our stream should be at `expectedVersion` (0 for a new stream). */
export function streamStateFor(expectedVersion: number): AppendStreamState {
  return expectedVersion === 0 ? NO_STREAM : BigInt(expectedVersion - 1);
}

/** Our 1-based version of the event at a 0-based KurrentDB `revision`; undefined when no safe integer fits. */
export function versionOfRevision(revision: bigint): number | undefined {
  if (revision < 0n || revision >= BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(revision) + 1;
}

/**
 * Our version of a stream KurrentDB reports being at: 0 for `no_stream`, revision + 1 for a
 * revision; undefined for anything else (`any`, `stream_exists`, a missing value).
 */
export function versionOfStreamState(state: unknown): number | undefined {
  if (state === NO_STREAM) return 0;
  if (typeof state === 'bigint') return versionOfRevision(state);
  return undefined;
}
