import type { EventStore } from '@csp-onprem/engine';

/** A store that waits before each append, and says when an append began: a request in flight on demand. */
export interface SlowStore extends EventStore {
  /** Resolves when the next append starts. */
  nextAppend(): Promise<void>;
  /** Whether `close` was called. */
  readonly closed: boolean;
}

/** Wraps a real store so that each append takes `delayMs` longer. */
export function slowStore(inner: EventStore, delayMs: number): SlowStore {
  let waiting: (() => void) | undefined;
  let closed = false;
  return {
    get name() {
      return inner.name;
    },
    readStream: (streamId) => inner.readStream(streamId),
    readAll: (options) => inner.readAll(options),
    async appendToStream(streamId, expectedVersion, events) {
      waiting?.();
      waiting = undefined;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return inner.appendToStream(streamId, expectedVersion, events);
    },
    ...(inner.projections === undefined ? {} : { projections: inner.projections }),
    ...(inner.dataKeys === undefined ? {} : { dataKeys: inner.dataKeys }),
    nextAppend: () => new Promise<void>((resolve) => (waiting = resolve)),
    get closed() {
      return closed;
    },
    async close() {
      closed = true;
      await inner.close();
    },
  };
}
