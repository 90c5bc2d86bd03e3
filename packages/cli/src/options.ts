import * as E from 'fp-ts/lib/Either.js';

/** The options a command accepts: each one a flag or an option that takes a value. */
export type OptionSpecs = Readonly<Record<string, 'flag' | 'value'>>;

/** Parsed options: a value option's text, or `true` for a flag that was given. */
export type ParsedOptions = ReadonlyMap<string, string | true>;

/**
 * Reads `--name value`, `--name=value` and `--flag` for one command, refusing an unknown
 * argument, a value option without its value, a flag given a value and an option given twice.
 */
export function parseOptions(command: string, args: readonly string[], specs: OptionSpecs): E.Either<string, ParsedOptions> {
  const parsed = new Map<string, string | true>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') ? (equals === -1 ? arg.slice(2) : arg.slice(2, equals)) : undefined;
    const kind = name === undefined ? undefined : specs[name];
    if (name === undefined || kind === undefined) return E.left(`unknown argument for ${command}: ${arg}`);
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
