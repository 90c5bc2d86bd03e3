import * as E from 'fp-ts/lib/Either.js';
import type { InvalidCommandError } from '@csp-onprem/domain';
import { checkIdentifier, readOptions } from './queries/query-input.js';

/** The ids `execute` may be given to tie a command to its conversation, as checked. */
export interface CheckedExecuteOptions {
  readonly correlationId?: string;
  readonly causationId?: string;
}

/**
 * Checks the options given to `execute` as untrusted input: read once each, total (options
 * whose getters or Proxy traps throw are refused), and `correlationId` / `causationId` held to
 * the identifier rules, refused as `InvalidCommand` on `options.<name>` with a summary of what
 * was found (never the whole value). Answers new plain options.
 */
export function checkExecuteOptions(input: unknown): E.Either<InvalidCommandError, CheckedExecuteOptions> {
  const read = readOptions(input, ['correlationId', 'causationId']);
  if (E.isLeft(read)) return read;
  const checked: { correlationId?: string; causationId?: string } = {};
  for (const name of ['correlationId', 'causationId'] as const) {
    const value = read.right[name];
    if (value === undefined) continue;
    const id = checkIdentifier(value, `options.${name}`);
    if (E.isLeft(id)) return id;
    checked[name] = id.right;
  }
  return E.right(checked);
}
