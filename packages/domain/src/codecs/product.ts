import type * as t from 'io-ts';
import { constrained } from './constrained.js';
import { Bitness } from './variant.js';
import { DomainName, nonEmptyUniqueArray, Percent, PositiveInteger, TenantId } from './primitives.js';
import { struct } from './struct.js';
import { inputTexts, storedTexts, type TextCodecs } from './text-sets.js';

function productOf(texts: TextCodecs) {
  return struct(
    {
      productId: texts.identifier,
      skuId: texts.identifier,
      title: texts.text,
      versions: nonEmptyUniqueArray(texts.variantPart, 'non-empty list of unique versions'),
      languages: nonEmptyUniqueArray(texts.variantPart, 'non-empty list of unique languages'),
      bitness: nonEmptyUniqueArray(Bitness, 'non-empty list of unique bitness values'),
    },
    {},
    'Product',
  );
}

/** The product bought on one order line, with the variants it offers. */
export const Product = productOf(inputTexts);
/** The product bought on one order line, with the variants it offers. */
export type Product = t.TypeOf<typeof Product>;

/** A product as stored events hold it (characters unchecked: see `storedTexts`). */
export const StoredProduct = productOf(storedTexts);

/** The customer a partner buys for: its tenant GUID and domain name. */
export const Customer = struct({ tenantId: TenantId, domain: DomainName }, {}, 'Customer');
/** The customer a partner buys for: its tenant GUID and domain name. */
export type Customer = t.TypeOf<typeof Customer>;

/** The longest cancellation window accepted: a century, far beyond any real policy. */
export const MAX_WINDOW_DAYS = 36_500;

/** The cancellation policy in force when a purchase was made. */
export const CancellationPolicy = struct(
  { windowDays: constrained(PositiveInteger, (n) => n <= MAX_WINDOW_DAYS, `whole days from 1 to ${MAX_WINDOW_DAYS}`), creditPercent: Percent },
  {},
  'CancellationPolicy',
);
/** The cancellation policy in force when a purchase was made. */
export type CancellationPolicy = t.TypeOf<typeof CancellationPolicy>;
