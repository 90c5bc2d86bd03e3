import type { CommandType } from '@csp-onprem/domain';
import * as E from 'fp-ts/lib/Either.js';
import { problemOfEngineError } from '../problems/problem.js';
import { answered, refused, type RouteContext, type RouteOutcome } from '../routes/route-spec.js';
import { answerOf, commandStatus } from './answer-of.js';

/**
 * Runs one command as the request's actor, with the request id as the engine's correlation id,
 * and answers its shaped result or its problem.
 */
export async function runCommand(context: RouteContext, type: CommandType, command: Readonly<Record<string, unknown>>, requestId: string): Promise<RouteOutcome> {
  const executed = await context.session.execute({ ...command, type }, { correlationId: requestId });
  if (E.isLeft(executed)) return refused(problemOfEngineError(executed.left), executed.left);
  return answered(commandStatus[type], answerOf(type, executed.right));
}
