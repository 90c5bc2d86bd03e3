import fc from 'fast-check';

/**
 * Characters that break things when they slip through: NUL and other controls, lone
 * surrogates at both ends of their ranges, invisible and bidi characters, separators,
 * noncharacters, and the characters that mean something to CSV, HTML, JSON, shells,
 * spreadsheets and variant keys.
 */
export const SPECIAL_CHARACTERS: readonly string[] = [
  '\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009b',
  '\ud800', '\udbff', '\udc00', '\udfff',
  '\u00a0', '\u00ad', '\u200b', '\u200d', '\u200e', '\u200f', '\u202e', '\u2066', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff',
  '|', '"', "'", '\\', ',', ';', '=', '+', '-', '@', '<', '>', '&', '/', '%', '{', '}',
  'é', 'e\u0301', '\u{1f511}', '\u{10ffff}', '\u{e0041}',
];

/** One unit of untrusted text: printable ASCII, any code point, any UTF-16 code unit (lone surrogates included) or a special character. */
const untrustedUnitArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_CHARACTERS) },
);

/** Strings longer than any field allows (identifiers 200, text 4,000), up to 100,000 code units. */
export const oversizedStringArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(201, 4_001, 100_000), fc.constantFrom('x', ' ', '\u0000', 'é', '\ud800'))
  .map(([length, unit]) => unit.repeat(length));

/** Text a field may well accept: printable graphemes of any script and any code point, most of them unassigned or astral. */
const exoticUnitArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
);

/**
 * A string drawn from the whole of UTF-16: any code point (astral ones included, through
 * fast-check's `binary` unit), any code unit (so lone surrogates), the special characters;
 * as often, exotic text that fields may well accept (so that acceptance is tested too); and now
 * and then one longer than any field allows.
 */
export const untrustedStringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: untrustedUnitArb, minLength: 0, maxLength: 24 }) },
  { weight: 6, arbitrary: fc.string({ unit: exoticUnitArb, minLength: 1, maxLength: 24 }) },
  { weight: 1, arbitrary: oversizedStringArb },
);
