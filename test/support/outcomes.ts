import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';

/** What an engine, store or query refuses with: a code (most of them) and a message. */
interface Refusal {
  readonly code?: string;
  readonly message: string;
}

/** The answer of a call expected to succeed; the test fails with the refusal's code and message otherwise. */
export function right<A>(result: E.Either<Refusal, A>): A {
  if (E.isLeft(result)) return expect.fail(`expected success, got ${result.left.code === undefined ? '' : `${result.left.code}: `}${result.left.message}`);
  return result.right;
}

/** The refusal of a call expected to fail; the test fails with the answer it got otherwise. */
export function left<L>(result: E.Either<L, unknown>): L {
  if (E.isRight(result)) return expect.fail(`expected a refusal, got ${JSON.stringify(result.right)}`);
  return result.left;
}
