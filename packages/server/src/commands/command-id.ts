import * as E from 'fp-ts/lib/Either.js';
import type { FastifyRequest } from 'fastify';
import { problem, type Problem } from '../problems/problem.js';

/**
 * The command id of a resource route's request: the body's `commandId`, else the
 * `Idempotency-Key` header; one of them is required, and both must agree when both are given.
 */
export function commandIdOf(request: FastifyRequest, body: { readonly commandId?: string | undefined }): E.Either<Problem, string> {
  const header = request.headers['idempotency-key'];
  const key = typeof header === 'string' ? header : undefined;
  if (body.commandId !== undefined && key !== undefined && body.commandId !== key) {
    return E.left(problem('InvalidCommand', 'the body\'s commandId and the Idempotency-Key header differ', [{ path: 'commandId', expected: 'the same id as the Idempotency-Key header', found: 'another id' }]));
  }
  const id = body.commandId ?? key;
  if (id === undefined) {
    return E.left(problem('InvalidCommand', 'a command needs an id: a commandId in the body or an Idempotency-Key header', [{ path: 'commandId', expected: 'a commandId in the body or an Idempotency-Key header', found: 'missing' }]));
  }
  return E.right(id);
}
