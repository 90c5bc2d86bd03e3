import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';

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
