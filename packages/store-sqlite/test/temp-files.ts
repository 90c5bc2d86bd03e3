import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';

/** A scratch directory under the OS temp dir, removed with everything in it by `remove`. */
export interface TempDir {
  readonly path: string;
  /** A fresh database file name in the directory (not created). */
  newDbPath(): string;
  remove(): void;
}

export function makeTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'csp-store-sqlite-'));
  return {
    path,
    newDbPath: () => join(path, `${randomUUID()}.db`),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Unwraps a Right, failing the test with the Left's code and message otherwise. */
export function right<A>(result: E.Either<{ readonly code: string; readonly message: string }, A>): A {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.code}: ${result.left.message}`);
  return result.right;
}

/** Unwraps a Left, failing the test when the result is a Right. */
export function left<L, A>(result: E.Either<L, A>): L {
  if (E.isRight(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.right)}`);
  return result.left;
}

/** A store on a new database file, in a scratch directory of its own. */
export interface FreshStore {
  readonly path: string;
  readonly store: EventStore;
}

/**
 * Before each test of the enclosing suite, opens a store on a new file and hands it to
 * `opened`; after it, closes whatever store `current` returns (a test may reopen the file)
 * and removes the directory.
 */
export function onFreshStore(opened: (fresh: FreshStore) => void, current: () => EventStore): void {
  let dir: TempDir | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    const path = dir.newDbPath();
    opened({ path, store: sqliteStore({ path }) });
  });
  afterEach(async () => {
    await current().close();
    dir?.remove();
  });
}
