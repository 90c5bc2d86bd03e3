import * as t from 'io-ts';
import { constrained } from './constrained.js';
import { Bitness } from './variant.js';
import { Identifier, VariantPart, Text, TenantId, DomainName, nonEmptyUniqueArray, PositiveInteger, Percent } from './primitives.js';

/** The product bought on one order line, with the variants it offers. */
export const Product = t.exact(
  t.type({
    productId: Identifier,
    skuId: Identifier,
    title: Text,
    versions: nonEmptyUniqueArray(VariantPart, 'non-empty list of unique versions'),
    languages: nonEmptyUniqueArray(VariantPart, 'non-empty list of unique languages'),
    bitness: nonEmptyUniqueArray(Bitness, 'non-empty list of unique bitness values'),
  }),
  'Product',
);
/** The product bought on one order line, with the variants it offers. */
export type Product = t.TypeOf<typeof Product>;

/** The customer a partner buys for: its tenant GUID and domain name. */
export const Customer = t.exact(t.type({ tenantId: TenantId, domain: DomainName }), 'Customer');
/** The customer a partner buys for: its tenant GUID and domain name. */
export type Customer = t.TypeOf<typeof Customer>;

/** The longest cancellation window accepted: a century, far beyond any real policy. */
export const MAX_WINDOW_DAYS = 36_500;

/** The cancellation policy in force when a purchase was made. */
export const CancellationPolicy = t.exact(
  t.type({ windowDays: constrained(PositiveInteger, (n) => n <= MAX_WINDOW_DAYS, `whole days from 1 to ${MAX_WINDOW_DAYS}`), creditPercent: Percent }),
  'CancellationPolicy',
);
/** The cancellation policy in force when a purchase was made. */
export type CancellationPolicy = t.TypeOf<typeof CancellationPolicy>;
