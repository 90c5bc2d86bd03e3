/**
 * What an identifier may not contain: lone surrogates (not well-formed UTF-16, so no store can
 * hold them as text), control characters (C0, DEL, C1), invisible format characters (zero
 * widths, bidi controls, the BOM, tags) and line or paragraph separators. Identifiers become
 * stream ids, keys and columns and are compared code unit by code unit, so two that look the
 * same must be the same.
 */
const NOT_IN_IDENTIFIERS = /[\p{Cs}\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * What free text may not contain: lone surrogates and control characters other than tab, line
 * feed and carriage return. Format characters stay allowed: right-to-left writing needs the
 * bidi marks, and Persian, Indic scripts and emoji need the zero-width joiners.
 */
const NOT_IN_TEXT = /[\p{Cs}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** `U+001B`-style name of a code point. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function kindOf(char: string): string {
  if (/\p{Cs}/u.test(char)) return 'a lone surrogate: not well-formed UTF-16';
  if (/\p{Cc}/u.test(char)) return 'a control character';
  if (/\p{Cf}/u.test(char)) return 'an invisible format character';
  return 'a line or paragraph separator';
}

function describeFirst(pattern: RegExp, text: string): string | undefined {
  const found = pattern.exec(text);
  if (found === null) return undefined;
  const char = found[0];
  return `${codePointName(char.codePointAt(0) ?? 0)} (${kindOf(char)}) at index ${found.index}`;
}

/**
 * The first character an identifier may not hold, described without quoting the text (e.g.
 * `U+0000 (a control character) at index 3`), or `undefined` when there is none. Linear.
 */
export function identifierFault(text: string): string | undefined {
  return describeFirst(NOT_IN_IDENTIFIERS, text);
}

/** The first character free text may not hold, described as {@link identifierFault} does. Linear. */
export function textFault(text: string): string | undefined {
  return describeFirst(NOT_IN_TEXT, text);
}

/** What no store can keep exactly in a text column: NUL (PostgreSQL refuses it) and lone surrogates (no UTF-8 for them). */
const NOT_HOLDABLE = /[\u0000\p{Cs}]/u;

/**
 * The first character of `text` that no store can keep exactly as text, described as
 * {@link identifierFault} does, or `undefined`. Linear. Stores check what they are given with it.
 */
export function unholdableFault(text: string): string | undefined {
  return describeFirst(NOT_HOLDABLE, text);
}
