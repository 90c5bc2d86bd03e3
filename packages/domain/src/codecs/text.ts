import * as t from 'io-ts';

/** What a string codec accepts. */
export interface TextRules {
  /** What the codec expects, as error values say it. */
  readonly name: string;
  /** The longest string accepted, in UTF-16 code units; checked before anything else. */
  readonly maxLength: number;
  /** Whether a string of white space only is refused. */
  readonly nonBlank: boolean;
  /** The first character the string may not hold, described (never quoted), or `undefined`. */
  readonly fault?: (text: string) => string | undefined;
}

/**
 * A string codec that checks the length first (so a 10 MB string costs nothing), then
 * blankness, then each character, and says what was wrong in the error's `message`. The text
 * is never normalised: what is accepted is exactly what is stored and hashed.
 */
export function textCodec(rules: TextRules): t.Type<string, string, unknown> {
  // `true` when accepted; otherwise what was found, when a summary of the value would not say it.
  const verdict = (u: unknown): true | { readonly found?: string } => {
    if (typeof u !== 'string') return {};
    if (u.length > rules.maxLength) return { found: `a string of ${u.length} characters` };
    if (rules.nonBlank && u.trim().length === 0) return {};
    const fault = rules.fault?.(u);
    return fault === undefined ? true : { found: `a string holding ${fault}` };
  };
  return new t.Type<string, string, unknown>(
    rules.name,
    (u): u is string => verdict(u) === true,
    (u, context) => {
      const checked = verdict(u);
      if (checked === true) return t.success(u as string);
      return checked.found === undefined ? t.failure(u, context) : t.failure(u, context, checked.found);
    },
    t.identity,
  );
}
