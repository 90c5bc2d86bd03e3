import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { commandCodecs, type Command, type CommandType } from './commands.js';
import { isCombinator } from './codecs/constrained.js';
import { guarded, isObjectRecord, ownField, threwWhenRead } from './codecs/guarded-read.js';
import type { InvalidCommandError, InvalidPath } from './errors.js';
import { summarise } from './summary.js';

/** The most failing paths an `InvalidCommand` error lists; `moreErrors` counts the rest. */
export const MAX_LISTED_ERRORS = 20;
/** The most failing paths an `InvalidCommand` message spells out. */
const MAX_ERRORS_IN_MESSAGE = 8;

/** Turns io-ts validation errors into readable paths (deduplicated, deepest first). */
export function toInvalidPaths(errors: t.Errors): InvalidPath[] {
  const seen = new Map<string, InvalidPath>();
  for (const error of errors) {
    const path = error.context
      .filter((_entry, i) => i > 0 && !isCombinator(error.context[i - 1]?.type))
      .map((entry) => entry.key)
      .join('.');
    if (seen.has(path)) continue;
    const last = error.context[error.context.length - 1];
    const expected = last?.type.name ?? 'valid value';
    seen.set(path, { path, expected, found: error.message ?? summarise(error.value) });
  }
  return [...seen.values()];
}

/**
 * Builds the `InvalidCommand` error for the given failing paths: at most
 * {@link MAX_LISTED_ERRORS} of them listed, `moreErrors` saying how many more there were.
 */
export function invalidCommand(errors: readonly InvalidPath[]): InvalidCommandError {
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  const named = errors
    .slice(0, MAX_ERRORS_IN_MESSAGE)
    .map((e) => `${e.path || '(input)'}: expected ${e.expected}, found ${e.found}`)
    .join('; ');
  const more = errors.length > MAX_ERRORS_IN_MESSAGE ? ` (and ${errors.length - MAX_ERRORS_IN_MESSAGE} more)` : '';
  const error: InvalidCommandError = { code: 'InvalidCommand', message: `invalid command: ${named}${more}`, errors: listed };
  return errors.length > listed.length ? { ...error, moreErrors: errors.length - listed.length } : error;
}

function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(commandCodecs, value);
}

function decodeObject(input: unknown): E.Either<InvalidCommandError, Command> {
  if (!isObjectRecord(input)) {
    return E.left(invalidCommand([{ path: '', expected: 'a command object', found: summarise(input) }]));
  }
  const type = guarded(() => ownField(input as object, 'type'));
  if (!type.ok || !isCommandType(type.value)) {
    return E.left(
      invalidCommand([
        { path: 'type', expected: `one of ${Object.keys(commandCodecs).join(', ')}`, found: type.ok ? summarise(type.value) : threwWhenRead(type.thrown) },
      ]),
    );
  }
  const codec: t.Decoder<unknown, Command> = commandCodecs[type.value];
  const decoded = codec.decode(input);
  return E.isRight(decoded) ? decoded : E.left(invalidCommand(toInvalidPaths(decoded.left)));
}

/**
 * Decodes untrusted input (a parsed HTTP body, a queue message) into a typed command. Total:
 * whatever the input is (a getter or Proxy that throws included) the answer is a value. Each
 * field is read once, and the command returned is new plain data, never the input itself.
 * Unknown fields are dropped; every failing field is named by its path.
 */
export function decodeCommand(input: unknown): E.Either<InvalidCommandError, Command> {
  const decoded = guarded(() => decodeObject(input));
  return decoded.ok ? decoded.value : E.left(invalidCommand([{ path: '', expected: 'a command object of plain data', found: threwWhenRead(decoded.thrown) }]));
}
