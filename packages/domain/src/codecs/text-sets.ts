import type * as t from 'io-ts';
import { EmailAddress, Identifier, StoredEmailAddress, StoredIdentifier, StoredText, StoredVariantPart, Text, VariantPart } from './primitives.js';

/** The string codecs an object codec is built from: those for commands, or those for stored events. */
export interface TextCodecs {
  readonly identifier: t.Type<string, string, unknown>;
  readonly text: t.Type<string, string, unknown>;
  readonly variantPart: t.Type<string, string, unknown>;
  readonly email: t.Type<string, string, unknown>;
}

/** What commands (untrusted input) must hold: every character checked. */
export const inputTexts: TextCodecs = { identifier: Identifier, text: Text, variantPart: VariantPart, email: EmailAddress };

/**
 * What stored events may hold: lengths checked, characters not, so that a log written before
 * characters were checked still reads and verifies. New events hold only what commands passed.
 */
export const storedTexts: TextCodecs = { identifier: StoredIdentifier, text: StoredText, variantPart: StoredVariantPart, email: StoredEmailAddress };
