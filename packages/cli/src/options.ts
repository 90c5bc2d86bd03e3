import * as E from 'fp-ts/lib/Either.js';
import { unknownOptions, withoutPassword, type OptionsShape } from '@csp-onprem/engine';

/** The options a command accepts: each one a flag or an option that takes a value. */
export type OptionSpecs = Readonly<Record<string, 'flag' | 'value'>>;

/** Parsed options: a value option's text, or `true` for a flag that was given. */
export type ParsedOptions = ReadonlyMap<string, string | true>;

/**
 * `unknown argument for <command>: <arg>`, with the other commands that take it, or the option it
 * most likely misspells. An option is named without its value, and anything else has its
 * passwords redacted: a mistyped `--stor=postgres://app:secret@db` must not print the secret.
 */
function unknownArgument(command: string, arg: string, name: string | undefined, specs: OptionSpecs, others: readonly OptionsShape[]): string {
  const message = `unknown argument for ${command}: ${name === undefined ? withoutPassword(arg) : `--${name}`}`;
  const [unknown] = name === undefined ? [] : unknownOptions([name], { name: command, keys: Object.keys(specs) }, others);
  if (unknown === undefined) return message;
  if (unknown.belongsIn.length > 0) return `${message} (an option of ${unknown.belongsIn.join(' and ')})`;
  return unknown.didYouMean === undefined ? message : `${message} (did you mean --${unknown.didYouMean}?)`;
}

/**
 * Reads `--name value`, `--name=value` and `--flag` for one command, refusing an unknown
 * argument (naming the `others` commands that take it, or the option it most likely
 * misspells), a value option without its value, a flag given a value and an option given twice.
 */
export function parseOptions(command: string, args: readonly string[], specs: OptionSpecs, others: readonly OptionsShape[] = []): E.Either<string, ParsedOptions> {
  const parsed = new Map<string, string | true>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') ? (equals === -1 ? arg.slice(2) : arg.slice(2, equals)) : undefined;
    const kind = name === undefined ? undefined : specs[name];
    if (name === undefined || kind === undefined) return E.left(unknownArgument(command, arg, name, specs, others));
    if (parsed.has(name)) return E.left(`--${name} is given more than once`);
    if (kind === 'flag') {
      if (equals !== -1) return E.left(`--${name} takes no value`);
      parsed.set(name, true);
      continue;
    }
    const value = equals === -1 ? args[index + 1] : arg.slice(equals + 1);
    if (value === undefined || value === '' || (equals === -1 && value.startsWith('--'))) return E.left(`--${name} needs a value`);
    parsed.set(name, value);
    if (equals === -1) index += 1;
  }
  return E.right(parsed);
}

/** A value option's text, if given. */
export function valueOf(options: ParsedOptions, name: string): string | undefined {
  const value = options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** The value of an option the command cannot do without; the refusal names it (and says why, when given). */
export function requiredValue(options: ParsedOptions, command: string, name: string, why = ''): E.Either<string, string> {
  const value = valueOf(options, name);
  return value === undefined ? E.left(`${command} needs --${name}${why}`) : E.right(value);
}

/** Leaves out the keys whose value is undefined, for exact optional properties. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
