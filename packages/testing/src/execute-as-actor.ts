import type * as E from 'fp-ts/lib/Either.js';
import type { EngineError, Engine, Executed, ExecuteOptions } from '@csp-onprem/engine';

/**
 * Runs a command that names its actor (as the domain's JSON contract and these fixtures
 * write commands) the way a platform does: the actor goes to `engine.as(actor)`, as its
 * authentication would vouch for it, and the body goes without it. Input that is not an
 * object goes as it is, for the engine to refuse.
 */
export function executeAsActor(engine: Engine, command: unknown, options?: ExecuteOptions): Promise<E.Either<EngineError, Executed>> {
  if (typeof command !== 'object' || command === null || Array.isArray(command)) return engine.as(undefined).execute(command, options);
  const { actor, ...body } = command as { readonly actor?: unknown };
  return engine.as(actor).execute(body, options);
}
