import { EMAIL_PATTERN, MAX_EMAIL_LENGTH, MAX_ID_LENGTH, MAX_LIST_VALUES, MAX_TEXT_LENGTH, MAX_WINDOW_DAYS, PHONE_PATTERN } from '@csp-onprem/domain';
import { Type } from '@sinclair/typebox';
import { named } from './named.js';

// Each schema here mirrors a codec of @csp-onprem/domain, and test/schema-agreement.test.ts
// holds them to the same answers; the engine decodes with the codec after the route validated
// with the schema. The schemas add one rule of their own: no field beyond the contract.

/** A non-blank identifier (a command id, an order or subscription id). */
export const Identifier = Type.String({ minLength: 1, maxLength: MAX_ID_LENGTH, pattern: '\\S', description: `Non-blank, at most ${MAX_ID_LENGTH} characters.` });

/** Non-blank free text. */
export const Text = Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH, pattern: '\\S', description: `Non-blank, at most ${MAX_TEXT_LENGTH} characters.` });

/** The pattern of a tenant GUID, any case. */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** A tenant GUID, any case. */
export const TenantId = named(
  'TenantId',
  Type.String({ pattern: GUID_PATTERN, description: 'A tenant GUID (compared case-insensitively; answered lower-case).', examples: ['22222222-2222-4222-8222-222222222222'] }),
);

/** A customer's domain name. */
export const DomainName = Type.String({
  maxLength: 253,
  pattern: '^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}$',
  examples: ['contoso.onmicrosoft.com'],
});

/** An e-mail address (a pragmatic check). */
export const EmailAddress = Type.String({ maxLength: MAX_EMAIL_LENGTH, pattern: EMAIL_PATTERN.source });

/** A phone number: digits with the usual separators, optional leading `+`. */
export const PhoneNumber = Type.String({ pattern: PHONE_PATTERN.source, examples: ['+1 425 555 0100'] });

/** An instant as the engine writes it. */
export const Instant = Type.String({ format: 'date-time', description: 'ISO-8601 UTC instant.' });

/** A safe integer >= 1. */
export const PositiveInteger = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

/** A safe integer >= 0. */
export const NonNegativeInteger = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** An ISO 4217 currency code, checked by its shape. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', examples: ['USD'] });

/** Money in integer minor units (cents for USD); never a fraction. */
export const Money = named(
  'Money',
  Type.Object({ amount: NonNegativeInteger, currency: CurrencyCode }, { additionalProperties: false, description: 'Integer minor units and an ISO 4217 currency code.' }),
);

/** Money of at least one minor unit. */
export const PositiveMoney = named('PositiveMoney', Type.Object({ amount: PositiveInteger, currency: CurrencyCode }, { additionalProperties: false }));

/** A version or language of a variant: an identifier without `|`. */
export const VariantPart = Type.String({ minLength: 1, maxLength: MAX_ID_LENGTH, pattern: '^[^|]*[^|\\s][^|]*$' });

/** `32-bit` or `64-bit`. */
export const Bitness = Type.Unsafe<'32-bit' | '64-bit'>({ type: 'string', enum: ['32-bit', '64-bit'] });

/** A product variant: version, language and bitness. */
export const Variant = named(
  'Variant',
  Type.Object({ version: VariantPart, language: VariantPart, bitness: Bitness }, { additionalProperties: false, examples: [{ version: '2019', language: 'en-us', bitness: '64-bit' }] }),
);

/** The cancellation policy recorded with a purchase. */
export const CancellationPolicy = named(
  'CancellationPolicy',
  Type.Object(
    { windowDays: Type.Integer({ minimum: 1, maximum: MAX_WINDOW_DAYS }), creditPercent: Type.Integer({ minimum: 0, maximum: 100 }) },
    { additionalProperties: false, description: 'Default: the guide\'s 60 days, 100% credit.' },
  ),
);

/** A non-empty list of unique items. */
function uniqueList<T extends Parameters<typeof Type.Array>[0]>(item: T) {
  return Type.Array(item, { minItems: 1, maxItems: MAX_LIST_VALUES, uniqueItems: true });
}

/** The product bought on one order line, with the variants it offers. */
export const Product = named(
  'Product',
  Type.Object(
    { productId: Identifier, skuId: Identifier, title: Text, versions: uniqueList(VariantPart), languages: uniqueList(VariantPart), bitness: uniqueList(Bitness) },
    { additionalProperties: false },
  ),
);

/** The customer a partner buys for. */
export const Customer = named('Customer', Type.Object({ tenantId: TenantId, domain: DomainName }, { additionalProperties: false }));

/** A cancellation request's customer reference: the tenant GUID, the domain, or both. */
export const CustomerReference = named(
  'CustomerReference',
  Type.Object({ tenantId: Type.Optional(TenantId), domain: Type.Optional(DomainName) }, { additionalProperties: false, minProperties: 1 }),
);

/** Who support calls back about a ticket. */
export const Contact = named('Contact', Type.Object({ name: Text, email: EmailAddress, phone: PhoneNumber }, { additionalProperties: false }));
