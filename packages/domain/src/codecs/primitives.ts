import * as t from 'io-ts';
import { boundedArray } from './bounded-array.js';
import { constrained } from './constrained.js';
import { identifierFault, textFault } from './text-faults.js';
import { textCodec } from './text.js';

/** Longest free-text field accepted from a command. */
export const MAX_TEXT_LENGTH = 4000;
/** Longest identifier accepted from a command. */
export const MAX_ID_LENGTH = 200;
/** The most values a product's versions, languages or bitness may list. */
export const MAX_LIST_VALUES = 100;

/**
 * A non-blank identifier of at most {@link MAX_ID_LENGTH} characters, as a command may carry it:
 * well-formed UTF-16, with no control, invisible format, line or paragraph separator
 * character (see `identifierFault`). Ids become stream ids, keys and columns, and are shown to
 * auditors: one that looks like another must be the other.
 */
export const Identifier = textCodec({
  name: `identifier: 1 to ${MAX_ID_LENGTH} characters, not blank, no control, format or separator characters, well-formed UTF-16`,
  maxLength: MAX_ID_LENGTH,
  nonBlank: true,
  fault: identifierFault,
});

/**
 * Non-blank free text of at most {@link MAX_TEXT_LENGTH} characters, as a command may carry
 * it: well-formed UTF-16 with no control character but tab, line feed and carriage return
 * (see `textFault`).
 */
export const Text = textCodec({
  name: `text: 1 to ${MAX_TEXT_LENGTH} characters, not blank, no control characters but tab and line breaks, well-formed UTF-16`,
  maxLength: MAX_TEXT_LENGTH,
  nonBlank: true,
  fault: textFault,
});

/**
 * An identifier as stored events hold it: any non-blank string of at most
 * {@link MAX_ID_LENGTH} characters, the rule commands followed before characters were
 * checked, so that every log an earlier version wrote still reads and verifies.
 */
export const StoredIdentifier = textCodec({ name: `non-blank string of at most ${MAX_ID_LENGTH} characters`, maxLength: MAX_ID_LENGTH, nonBlank: true });

/** Free text as stored events hold it: any non-blank string of at most {@link MAX_TEXT_LENGTH} characters (see {@link StoredIdentifier}). */
export const StoredText = textCodec({ name: `non-blank text of at most ${MAX_TEXT_LENGTH} characters`, maxLength: MAX_TEXT_LENGTH, nonBlank: true });

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A tenant GUID such as `72f988bf-86f1-41af-91ab-2d7cd011db47`. Decoding lower-cases it,
 * so that tenants compare equal however a platform spells them.
 */
export const TenantId = new t.Type<string, string, unknown>(
  'tenant GUID',
  (u): u is string => typeof u === 'string' && GUID_PATTERN.test(u),
  (u, context) => (typeof u === 'string' && GUID_PATTERN.test(u) ? t.success(u.toLowerCase()) : t.failure(u, context)),
  t.identity,
);

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** A customer domain name such as `contoso.onmicrosoft.com`. */
export const DomainName = constrained(t.string, (s) => DOMAIN_PATTERN.test(s), 'domain name');

/** The shape of an e-mail address (a pragmatic check: local part, host, top-level label). */
export const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,63}$/;
/** The longest e-mail address {@link EMAIL_PATTERN} admits. */
export const MAX_EMAIL_LENGTH = 64 + 1 + 253 + 1 + 63;
/** An e-mail address (a pragmatic check, not RFC 5322), with no character an identifier may not hold. */
export const EmailAddress = constrained(
  textCodec({ name: 'e-mail address', maxLength: MAX_EMAIL_LENGTH, nonBlank: true, fault: identifierFault }),
  (s) => EMAIL_PATTERN.test(s),
  'e-mail address',
);
/** An e-mail address as stored events hold it (see {@link StoredIdentifier}). */
export const StoredEmailAddress = constrained(t.string, (s) => EMAIL_PATTERN.test(s), 'e-mail address');

/** The shape of a phone number: digits with the usual separators, optional leading `+`. */
export const PHONE_PATTERN = /^\+?[0-9 ()./-]{5,32}$/;
/** A phone number: digits with the usual separators, optional leading `+`. */
export const PhoneNumber = constrained(t.string, (s) => PHONE_PATTERN.test(s), 'phone number');

/** A safe integer >= 1. */
export const PositiveInteger = constrained(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 1,
  'integer >= 1',
);

/** A safe integer >= 0. */
export const NonNegativeInteger = constrained(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  'integer >= 0',
);

/** An integer percentage from 0 to 100. */
export const Percent = constrained(
  t.number,
  (n) => Number.isInteger(n) && n >= 0 && n <= 100,
  'integer percent from 0 to 100',
);

/** An ISO-8601 UTC instant as written by `Date.prototype.toISOString`. */
export const IsoInstant = constrained(
  t.string,
  (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s) && !Number.isNaN(Date.parse(s)),
  'ISO-8601 UTC instant',
);

/**
 * A non-empty list of at most {@link MAX_LIST_VALUES} unique items; its length is checked before
 * any item is looked at.
 */
export function nonEmptyUniqueArray<C extends t.Mixed>(item: C, name: string) {
  return boundedArray(item, { minLength: 1, maxLength: MAX_LIST_VALUES, unique: true }, name);
}

/** A part of a variant (a version or a language): an identifier without `|`, which joins variant keys. */
export const VariantPart = constrained(Identifier, (s) => !s.includes('|'), 'identifier without "|"');

/** A part of a variant as stored events hold it (see {@link StoredIdentifier}). */
export const StoredVariantPart = constrained(StoredIdentifier, (s) => !s.includes('|'), 'identifier without "|"');
