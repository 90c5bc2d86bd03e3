import * as E from 'fp-ts/lib/Either.js';
import { decodeCommand, invalidCommand, type Command, type InvalidCommandError } from '@csp-onprem/domain';

/**
 * Decodes a command sent through a session: its body must not name an actor (the session's
 * actor, vouched for by the platform's authentication, is the only one that acts), and the
 * actor is set on a fresh object holding only the body's own fields, so that nothing the
 * body carries, in its fields or its prototype, can stand in for it.
 */
export function decodeCommandAs(actor: unknown, input: unknown): E.Either<InvalidCommandError, Command> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return decodeCommand(input);
  let command: Record<string, unknown>;
  try {
    if (Object.prototype.hasOwnProperty.call(input, 'actor')) {
      return E.left(
        invalidCommand([{ path: 'actor', expected: 'no actor: a command sent through a session acts as the session\'s actor', found: 'an actor in the command' }]),
      );
    }
    command = { ...(input as Record<string, unknown>), actor };
  } catch {
    return E.left(invalidCommand([{ path: '', expected: 'a command object whose fields can be read', found: 'an object that throws when read' }]));
  }
  return decodeCommand(command);
}
