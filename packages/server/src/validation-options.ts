/**
 * How request schemas are checked (ajv's options, beside Fastify's defaults). Bodies are
 * commands: never coerce `"100"` into 100, never drop a field the schema does not know (a body's
 * `actor` must be refused, not quietly removed), never fill in defaults. Patterns run without
 * the `u` flag, as the domain's codecs' do, so that both count UTF-16 code units. (Lengths count
 * code points, as JSON Schema says: a string of astral characters can pass `maxLength` and still
 * be refused by the engine's codec, with the same `InvalidCommand`.) One error is reported, not
 * all (`allErrors` would let a large body cost more).
 */
export const VALIDATION_OPTIONS = {
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: false,
  allErrors: false,
  discriminator: true,
  unicodeRegExp: false,
} as const;
