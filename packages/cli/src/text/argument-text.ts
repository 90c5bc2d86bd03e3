import { codePointName } from '@csp-onprem/domain';

/**
 * What a command-line argument may not hold: lone surrogates (not well-formed text; possible
 * on Windows, where arguments arrive as UTF-16) and control characters. Arguments end up in
 * store addresses, file names, tenant ids and messages written back to the terminal.
 */
const NOT_IN_ARGUMENTS = /[\p{Cs}\p{Cc}]/u;

/**
 * Why the arguments cannot be used, naming the first bad one by position and the character by
 * code point (never echoing it), or `undefined` when every argument is well-formed text without
 * control characters. Meant to run before the arguments are parsed.
 */
export function argumentsFault(args: readonly string[]): string | undefined {
  for (const [index, arg] of args.entries()) {
    const found = NOT_IN_ARGUMENTS.exec(arg);
    if (found === null) continue;
    const codePoint = codePointName(found[0].codePointAt(0) ?? 0);
    const what = /\p{Cs}/u.test(found[0]) ? 'a lone surrogate (not well-formed text)' : 'a control character';
    return `argument ${index + 1} holds ${what}, ${codePoint}, at index ${found.index}: arguments must be well-formed text without control characters`;
  }
  return undefined;
}
