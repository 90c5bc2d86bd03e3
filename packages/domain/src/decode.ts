import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { commandCodecs, type Command, type CommandType } from './commands.js';
import { isCombinator } from './codecs/constrained.js';
import type { InvalidCommandError, InvalidPath } from './errors.js';

function summarise(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  const text = String(value);
  return text.length > 40 ? `a ${typeof value} of ${text.length} characters` : text;
}

/** Turns io-ts validation errors into readable paths (deduplicated, deepest first). */
export function toInvalidPaths(errors: t.Errors): InvalidPath[] {
  const seen = new Map<string, InvalidPath>();
  for (const error of errors) {
    const path = error.context
      .filter((_entry, i) => i > 0 && !isCombinator(error.context[i - 1]?.type))
      .map((entry) => entry.key)
      .join('.');
    const last = error.context[error.context.length - 1];
    const expected = last?.type.name ?? 'valid value';
    if (!seen.has(path)) seen.set(path, { path, expected, found: summarise(error.value) });
  }
  return [...seen.values()];
}

/** Builds the `InvalidCommand` error for the given failing paths. */
export function invalidCommand(errors: readonly InvalidPath[]): InvalidCommandError {
  const listed = errors
    .slice(0, 8)
    .map((e) => `${e.path || '(input)'}: expected ${e.expected}, found ${e.found}`)
    .join('; ');
  const more = errors.length > 8 ? ` (and ${errors.length - 8} more)` : '';
  return { code: 'InvalidCommand', message: `invalid command: ${listed}${more}`, errors };
}

function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(commandCodecs, value);
}

/**
 * Decodes untrusted input (a parsed HTTP body, a queue message) into a typed command.
 * Unknown fields are dropped; every failing field is named by its path.
 */
export function decodeCommand(input: unknown): E.Either<InvalidCommandError, Command> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return E.left(invalidCommand([{ path: '', expected: 'a command object', found: summarise(input) }]));
  }
  const type = (input as { type?: unknown }).type;
  if (!isCommandType(type)) {
    return E.left(
      invalidCommand([
        { path: 'type', expected: `one of ${Object.keys(commandCodecs).join(', ')}`, found: summarise(type) },
      ]),
    );
  }
  const codec: t.Decoder<unknown, Command> = commandCodecs[type];
  const decoded = codec.decode(input);
  return E.isRight(decoded) ? decoded : E.left(invalidCommand(toInvalidPaths(decoded.left)));
}
