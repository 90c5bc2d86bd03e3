import * as t from 'io-ts';
import { constrained } from './constrained.js';

/** Longest free-text field accepted from a command. */
export const MAX_TEXT_LENGTH = 4000;
/** Longest identifier accepted from a command. */
export const MAX_ID_LENGTH = 200;

/** A non-blank identifier of at most {@link MAX_ID_LENGTH} characters. */
export const Identifier = constrained(
  t.string,
  (s) => s.trim().length > 0 && s.length <= MAX_ID_LENGTH,
  `non-blank string of at most ${MAX_ID_LENGTH} characters`,
);

/** Non-blank free text of at most {@link MAX_TEXT_LENGTH} characters. */
export const Text = constrained(
  t.string,
  (s) => s.trim().length > 0 && s.length <= MAX_TEXT_LENGTH,
  `non-blank text of at most ${MAX_TEXT_LENGTH} characters`,
);

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

const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,63}$/;
/** An e-mail address (a pragmatic check, not RFC 5322). */
export const EmailAddress = constrained(t.string, (s) => EMAIL_PATTERN.test(s), 'e-mail address');

const PHONE_PATTERN = /^\+?[0-9 ()./-]{5,32}$/;
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

/** A non-empty list whose items are unique. */
export function nonEmptyUniqueArray<C extends t.Mixed>(item: C, name: string) {
  return constrained(
    t.array(item),
    (xs) => xs.length > 0 && xs.length <= 100 && new Set(xs).size === xs.length,
    name,
  );
}

/** A part of a variant (a version or a language): an identifier without `|`, which joins variant keys. */
export const VariantPart = constrained(Identifier, (s) => !s.includes('|'), 'identifier without "|"');
